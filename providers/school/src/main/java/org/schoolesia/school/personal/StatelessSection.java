package org.schoolesia.school.personal;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * A section that keeps no state: its own factory and provider in one class (everything it needs
 * comes with {@link Me}), so a capability adds a section with one small class.
 */
public abstract class StatelessSection implements PersonalSection, PersonalSectionFactory {

    private final String id;
    private final int place;
    private final String titleKey;

    protected StatelessSection(String id, int place, String titleKey) {
        this.id = id;
        this.place = place;
        this.titleKey = titleKey;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int place() {
        return place;
    }

    @Override
    public final String titleKey() {
        return titleKey;
    }

    @Override
    public PersonalSection create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return id();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
