package org.schoolesia.esia.signer;

import org.keycloak.provider.Provider;

/** Hands out the signer for one identity provider's settings (they differ per realm and IdP). */
public interface EsiaSignerProvider extends Provider {

    /** @throws EsiaSignerException when the settings cannot make a working signer */
    EsiaSigner signer(SignerSettings settings);

    /** Signers are cached by the factory and outlive the session: nothing to release here. */
    @Override
    default void close() {
    }
}
