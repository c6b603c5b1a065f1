package org.schoolesia.school.kernel;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SNILS key: {@code --spi-school-snils--default--key=…} ({@link SnilsHashFactory}). */
public class SnilsHashSpi implements Spi {

    public static final String NAME = "school-snils";

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
        return SnilsHash.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SnilsHashFactory.class;
    }
}
