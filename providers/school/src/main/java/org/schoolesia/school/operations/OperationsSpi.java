package org.schoolesia.school.operations;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Operations: {@code --spi-school-operations--default--retention-interval-seconds=…}, {@code …--gauge-seconds=…}. */
public class OperationsSpi implements Spi {

    public static final String NAME = "school-operations";

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
        return Operations.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return OperationsFactory.class;
    }
}
