package org.schoolesia.school.personal;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** {@value #NAME}: the sections of the person's own page ({@link PersonalSection}). */
public class PersonalSectionSpi implements Spi {

    public static final String NAME = "school-personal-section";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PersonalSection.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PersonalSectionFactory.class;
    }
}
