package org.schoolesia.school.personal;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link PersonalSection}, registered in {@code META-INF/services/org.schoolesia.school.personal.PersonalSectionFactory}. */
public interface PersonalSectionFactory extends ProviderFactory<PersonalSection> {
}
