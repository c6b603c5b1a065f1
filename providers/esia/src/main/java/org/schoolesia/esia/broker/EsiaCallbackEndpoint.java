package org.schoolesia.esia.broker;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.schoolesia.esia.protocol.EsiaError;
import org.schoolesia.esia.protocol.EsiaIdToken;
import org.schoolesia.esia.protocol.EsiaIdTokenVerifier;
import org.schoolesia.esia.protocol.EsiaPerson;
import org.schoolesia.esia.protocol.EsiaTokenException;

/**
 * Where ESIA sends the browser back. Finds the login tab of this browser that sent the {@code state}
 * (so a replayed or foreign state finds nothing), exchanges the code, verifies the id_token, reads the
 * person and hands the identity to Keycloak. Any failure ends here with a localised page and a
 * log line that tells the operator what to check; nothing is created.
 */
public class EsiaCallbackEndpoint {

    private static final Logger LOG = Logger.getLogger(EsiaCallbackEndpoint.class);

    /**
     * Auth note set when the person pressed «Отказаться» at ESIA: the login page it returns to may
     * show a calm note instead of Keycloak's generic "access denied" error (a cancel is no error).
     */
    public static final String CANCELLED_NOTE = "esia.cancelled";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EsiaIdentityProvider provider;
    private final AuthenticationCallback callback;
    private final EventBuilder event;

    EsiaCallbackEndpoint(KeycloakSession session, RealmModel realm, EsiaIdentityProvider provider,
                         AuthenticationCallback callback, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.callback = callback;
        this.event = event;
    }

    @GET
    public Response authResponse(@QueryParam("state") String state,
                                 @QueryParam("code") String code,
                                 @QueryParam("error") String error,
                                 @QueryParam("error_description") String errorDescription) {
        EsiaIdentityProviderConfig config = provider.getConfig();
        if (state == null || state.isBlank()) {
            return fail(null, new EsiaLoginException("esiaErrorStaleLogin", Response.Status.BAD_REQUEST,
                    "ESIA redirected back without a state parameter"));
        }
        AuthenticationSessionModel sent = loginThatSent(state);
        if (sent == null) {
            // The page may still offer to start again from this browser's own login, if it has one.
            return fail(currentLogin(), new EsiaLoginException("esiaErrorStaleLogin", Response.Status.BAD_REQUEST,
                    "ESIA state is unknown, expired or already used (replayed callback, a link from another login or browser)"));
        }
        String keycloakState = sent.getAuthNote(EsiaIdentityProvider.NOTE_KEYCLOAK_STATE);
        String redirectUri = sent.getAuthNote(EsiaIdentityProvider.NOTE_REDIRECT_URI);
        // Used once: a replayed callback finds no tab.
        sent.removeAuthNote(provider.stateNote());
        sent.removeAuthNote(EsiaIdentityProvider.NOTE_KEYCLOAK_STATE);
        sent.removeAuthNote(EsiaIdentityProvider.NOTE_REDIRECT_URI);

        AuthenticationSessionModel authSession;
        try {
            // Keycloak checks that this browser owns the login (its auth-session cookie) and the tab.
            authSession = callback.getAndVerifyAuthenticationSession(keycloakState);
        } catch (WebApplicationException e) {
            LOG.warnf("ESIA callback for provider %s does not belong to this browser's login session", config.getAlias());
            return e.getResponse();
        }
        session.getContext().setAuthenticationSession(authSession);
        if (!authSession.getTabId().equals(sent.getTabId())) {
            return fail(authSession, new EsiaLoginException("esiaErrorStaleLogin", Response.Status.BAD_REQUEST,
                    "ESIA state does not belong to this login session"));
        }

        if (error != null) {
            EsiaError esiaError = EsiaError.fromDescription(errorDescription);
            if ("access_denied".equals(error) || esiaError.userCancelled()) {
                LOG.debugf("ESIA login cancelled by the user (%s)", esiaError.code());
                authSession.setAuthNote(CANCELLED_NOTE, "true");
                return callback.cancelled(config);
            }
            // error comes from the browser's URL: printable characters only, so nobody forges log lines.
            LOG.warnf("ESIA refused the login request: error=%s, %s. %s", printable(error), esiaError.code(), esiaError.adminHint());
            event.detail("esia_error", esiaError.code());
            return fail(authSession, new EsiaLoginException(esiaError.messageKey(), Response.Status.BAD_GATEWAY,
                    "ESIA answered " + printable(error) + " " + esiaError.code()));
        }
        if (code == null || code.isBlank()) {
            return fail(authSession, new EsiaLoginException("esiaErrorInvalidResponse", Response.Status.BAD_REQUEST,
                    "ESIA redirected back with neither code nor error"));
        }

        try {
            EsiaClient client = provider.client();
            EsiaTokenResponse tokens = client.exchangeCode(code, redirectUri);
            EsiaIdTokenVerifier verifier = verifier(config);
            EsiaIdToken idToken = CryptoCpu.measure(CryptoCpu.VERIFY, realm.getName(), () -> verifier.verify(tokens.idToken()));
            boolean withChildren = config.getScopes().stream().anyMatch(s -> s.startsWith("kid_"))
                    && config.getReadChildrenWhen().wanted(config.getForwardedParameters(), authSession::getClientNote);
            EsiaPerson person = client.fetchPerson(idToken.oid(), tokens.accessToken(), withChildren);
            if (person.oid() != null && !idToken.oid().equals(person.oid())) {
                throw new EsiaLoginException("esiaErrorInvalidResponse", Response.Status.BAD_GATEWAY,
                        "ESIA id_token subject differs from the person API's oid: refused");
            }

            // Children's documents are not read at a login (issue 14): a returning parent's account keeps those read
            // before, and EsiaChildDocuments reads a child's when a request for that child needs them.
            StoredKids stored = person.kids() == null || person.kids().isEmpty() ? StoredKids.NONE
                    : StoredKids.of(session, realm, config.getAlias(), idToken.oid());
            BrokeredIdentityContext context = EsiaIdentity.toContext(config, idToken, person, stored);
            context.getContextData().put(EsiaIdentityProvider.FEDERATED_ACCESS_TOKEN, tokens.accessToken());
            if (withChildren) {
                context.getContextData().put(EsiaNotes.KIDS_READ, "true");
            }
            if (config.isStoreToken()) {
                context.setToken(tokens.raw());
            }
            context.setIdp(provider);
            context.setAuthenticationSession(authSession);
            return callback.authenticated(context);
        } catch (EsiaTokenException e) {
            LOG.warnf("ESIA id_token refused (%s): %s", e.getReason(), e.getMessage());
            return fail(authSession, new EsiaLoginException("esiaErrorInvalidResponse", Response.Status.BAD_GATEWAY, e.getMessage()));
        } catch (EsiaLoginException e) {
            return fail(authSession, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Unreadable configuration, e.g. a broken certificate or an empty vault entry.
            return fail(authSession, new EsiaLoginException("esiaErrorConfiguration", Response.Status.INTERNAL_SERVER_ERROR,
                    "ESIA provider configuration is unusable: " + e.getMessage(), e));
        }
    }

    @GET
    @Path("logout_response")
    public Response logoutResponse(@QueryParam("state") String state) {
        UserSessionModel userSession = state == null ? null : session.sessions().getUserSession(realm, state);
        if (userSession == null || userSession.getState() != UserSessionModel.State.LOGGING_OUT) {
            event.event(EventType.LOGOUT).error(Errors.USER_SESSION_NOT_FOUND);
            return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, Messages.SESSION_NOT_ACTIVE);
        }
        return AuthenticationManager.finishBrowserLogout(session, realm, userSession, session.getContext().getUri(),
                session.getContext().getConnection(), session.getContext().getRequestHeaders());
    }

    /**
     * Verifiers are immutable and thread-safe; parsing certificates and converting GOST keys on every
     * login would be wasted work, so they are kept per settings (a handful per server).
     * Cluster: safe to differ between nodes — the key is every setting the verifier is made of, so a
     * change saved on any node makes a new key here at the next login; no stale verifier is used.
     */
    private static final Map<String, EsiaIdTokenVerifier> VERIFIERS = new java.util.concurrent.ConcurrentHashMap<>();

    private EsiaIdTokenVerifier verifier(EsiaIdentityProviderConfig config) {
        String pem = EsiaSecrets.resolve(session, config.getEsiaCertificates());
        if (pem == null || pem.isBlank()) {
            throw new IllegalStateException("no ESIA certificate configured to verify id_tokens");
        }
        String key = pem + '\n' + config.getIssuer() + '\n' + config.getClientId() + '\n' + config.getTokenLeeway()
                + '\n' + config.getAlias() + '\n' + config.isClockCorrection();
        EsiaIdTokenVerifier verifier = VERIFIERS.get(key);
        if (verifier == null) {
            if (VERIFIERS.size() > 32) {
                VERIFIERS.clear();
            }
            verifier = new EsiaIdTokenVerifier(List.copyOf(EsiaIdentityProviderConfig.parseCertificates(pem)),
                    config.getIssuer(), config.getClientId(),
                    EsiaClockOffset.clock(config.getAlias(), config.isClockCorrection()), config.getTokenLeeway());
            VERIFIERS.put(key, verifier);
        }
        return verifier;
    }

    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\p{Alnum}_.:-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }

    /** The login tab of this browser (its auth-session cookie) that went to ESIA with {@code state}, or null. */
    private AuthenticationSessionModel loginThatSent(String state) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        if (root == null) {
            return null;
        }
        for (AuthenticationSessionModel tab : root.getAuthenticationSessions().values()) {
            if (state.equals(tab.getAuthNote(provider.stateNote()))) {
                return tab;
            }
        }
        return null;
    }

    /**
     * This browser's login in progress when it is unambiguous (one tab): a stale or replayed
     * callback carries no usable state, yet the error page can still restart that login. Only
     * the page's links use it; nothing is read from or written to it.
     */
    private AuthenticationSessionModel currentLogin() {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        if (root == null || root.getAuthenticationSessions().size() != 1) {
            return null;
        }
        AuthenticationSessionModel login = root.getAuthenticationSessions().values().iterator().next();
        session.getContext().setClient(login.getClient());
        return login;
    }

    private Response fail(AuthenticationSessionModel authSession, EsiaLoginException e) {
        if (e.status() == Response.Status.INTERNAL_SERVER_ERROR) {
            LOG.errorf(e.getCause(), "ESIA login failed for provider %s: %s", provider.getConfig().getAlias(), e.getMessage());
        } else {
            LOG.warnf("ESIA login failed for provider %s: %s", provider.getConfig().getAlias(), e.getMessage());
        }
        event.event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail("identity_provider", provider.getConfig().getAlias())
                .detail("reason", e.getMessage())
                .error(Errors.IDENTITY_PROVIDER_LOGIN_FAILURE);
        return ErrorPage.error(session, authSession, e.status(), e.messageKey());
    }
}
