package org.schoolesia.esia.signer;

import org.keycloak.provider.ProviderFactory;

public interface EsiaSignerProviderFactory extends ProviderFactory<EsiaSignerProvider> {
}
