package org.schoolesia.school.operations;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The {@code school-metrics} event listener: global (every realm's events, whether or not the realm
 * lists it or stores events), so the meters need no realm setting, only {@code --metrics-enabled=true}.
 */
public class SchoolMetricsListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-metrics";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SchoolMetricsListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
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

    @Override
    public String getId() {
        return ID;
    }
}
