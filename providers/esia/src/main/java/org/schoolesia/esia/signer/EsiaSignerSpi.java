package org.schoolesia.esia.signer;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Pluggable signing for ESIA's {@code client_secret}: {@code --spi-esia-signer--provider=http}. */
public class EsiaSignerSpi implements Spi {

    public static final String NAME = "esia-signer";

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
        return EsiaSignerProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return EsiaSignerProviderFactory.class;
    }
}
