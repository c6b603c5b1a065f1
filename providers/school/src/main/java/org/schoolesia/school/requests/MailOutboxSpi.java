package org.schoolesia.school.requests;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The access-request mail outbox: {@code --spi-school-mail-outbox--default--poll-seconds=…}. */
public class MailOutboxSpi implements Spi {

    public static final String NAME = "school-mail-outbox";

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
        return MailOutbox.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return MailOutboxFactory.class;
    }
}
