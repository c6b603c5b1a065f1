package org.schoolesia.school.kernel;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderEvent;

/**
 * A global listener that only follows model events (an account or realm removed, a realm imported)
 * to keep a capability's own tables in line; user and admin events pass it by. A capability
 * extends it with {@link #onModelEvent} and lists it in {@code META-INF/services}.
 */
public abstract class ModelEventListenerFactory implements EventListenerProviderFactory {

    private static final EventListenerProvider IGNORING = new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    /** One model event, in the transaction of the change that raised it. */
    protected abstract void onModelEvent(ProviderEvent event);

    @Override
    public final EventListenerProvider create(KeycloakSession session) {
        return IGNORING;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        factory.register(this::onModelEvent);
    }

    @Override
    public final boolean isGlobal() {
        return true;
    }

    @Override
    public void close() {
    }
}
