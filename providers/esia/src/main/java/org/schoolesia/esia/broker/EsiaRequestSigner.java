package org.schoolesia.esia.broker;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.schoolesia.esia.protocol.ClientSecret;
import org.schoolesia.esia.protocol.SignedString;
import org.schoolesia.esia.signer.EsiaSignature;
import org.schoolesia.esia.signer.EsiaSigner;
import org.schoolesia.esia.signer.EsiaSignerException;
import org.schoolesia.esia.signer.EsiaSignerProvider;
import org.schoolesia.esia.signer.SignatureFormat;
import org.schoolesia.esia.signer.SignerSettings;

/**
 * Produces ESIA's {@code client_secret} for one request: the signed string for the protocol in
 * use, signed by the configured {@link EsiaSigner}, encoded as ESIA wants it.
 */
final class EsiaRequestSigner {

    /** A {@code client_secret} with the certificate hash that must travel next to it. */
    record SignedRequest(String clientSecret, String certificateHash) {
    }

    private final KeycloakSession session;
    private final EsiaIdentityProviderConfig config;

    EsiaRequestSigner(KeycloakSession session, EsiaIdentityProviderConfig config) {
        this.session = session;
        this.config = config;
    }

    SignedRequest authorization(String timestamp, String state, String redirectUri) {
        if (config.isLegacyProtocol()) {
            return cms(SignedString.legacy(config.getDefaultScope(), timestamp, config.getClientId(), state));
        }
        return raw(SignedString.authorization(config.getClientId(), config.getDefaultScope(), config.getScopeOrg(), timestamp, state, redirectUri));
    }

    SignedRequest token(String timestamp, String state, String redirectUri, String code) {
        if (config.isLegacyProtocol()) {
            return cms(SignedString.legacy(config.getDefaultScope(), timestamp, config.getClientId(), state));
        }
        return raw(SignedString.token(config.getClientId(), config.getDefaultScope(), config.getScopeOrg(), timestamp, state, redirectUri, code));
    }

    private SignedRequest raw(String signedString) {
        EsiaSignature signature = sign(signedString, SignatureFormat.RAW_GOST_2012_256);
        return new SignedRequest(ClientSecret.encodeRaw(signature.signature(), config.isReverseSignatureBytes()), signature.certificateHash());
    }

    private SignedRequest cms(String signedString) {
        EsiaSignature signature = sign(signedString, SignatureFormat.CMS_DETACHED);
        return new SignedRequest(ClientSecret.encodeCms(signature.signature()), signature.certificateHash());
    }

    private EsiaSignature sign(String signedString, SignatureFormat format) {
        EsiaSignerProvider provider = session.getProvider(EsiaSignerProvider.class, config.getSignerId());
        if (provider == null) {
            throw new EsiaLoginException("esiaErrorConfiguration", Response.Status.INTERNAL_SERVER_ERROR,
                    "ESIA signer '" + config.getSignerId() + "' is not installed; choose bouncycastle or http in the identity provider settings");
        }
        try {
            EsiaSigner signer = provider.signer(new SignerSettings(EsiaSecrets.resolve(session, config.getConfig())));
            return CryptoCpu.measure(CryptoCpu.SIGN, realmName(),
                    () -> signer.sign(signedString.getBytes(StandardCharsets.UTF_8), format));
        } catch (EsiaSignerException e) {
            throw new EsiaLoginException("esiaErrorConfiguration", Response.Status.INTERNAL_SERVER_ERROR,
                    "ESIA request could not be signed: " + e.getMessage(), e);
        }
    }

    private String realmName() {
        return session.getContext().getRealm() == null ? null : session.getContext().getRealm().getName();
    }
}
