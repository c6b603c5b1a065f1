package org.schoolesia.esia.broker;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.resources.IdentityBrokerService;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.schoolesia.esia.protocol.EsiaQuery;
import org.schoolesia.esia.protocol.EsiaTimestamp;

/**
 * Keycloak identity provider for ESIA (Госуслуги). ESIA is OAuth 2.0 with its own rules: every
 * request is signed with the system's GOST key, {@code state} must be a UUID, and the person comes
 * from ESIA's REST API rather than a userinfo endpoint.
 */
public class EsiaIdentityProvider extends AbstractOAuth2IdentityProvider<EsiaIdentityProviderConfig> {

    private static final Logger LOG = Logger.getLogger(EsiaIdentityProvider.class);

    /**
     * Auth notes of the login tab that went to ESIA: Keycloak's broker state and the redirect URI. ESIA's
     * {@code state} must be a UUID, so it cannot carry Keycloak's own; the callback finds the tab by the
     * ESIA state note among this browser's login tabs (issue 14: no single-use store entry, a cluster-wide
     * write and removal per login, for it).
     */
    static final String NOTE_KEYCLOAK_STATE = "esia.keycloakState";
    static final String NOTE_REDIRECT_URI = "esia.redirectUri";

    public EsiaIdentityProvider(KeycloakSession session, EsiaIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    protected String getDefaultScopes() {
        return EsiaIdentityProviderConfig.DEFAULT_SCOPE;
    }

    /**
     * ESIA wants {@code state} to be a UUID, while Keycloak's broker state carries the tab and client.
     * We send a fresh UUID and keep the mapping in Keycloak's cluster-wide single-use store, so the
     * callback can take it exactly once, and bind it to the authentication session as well.
     */
    @Override
    public Response performLogin(AuthenticationRequest request) {
        EsiaIdentityProviderConfig config = getConfig();
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        if (EmulatorOnlyRealm.refuses(request.getRealm(), config)) {
            LOG.errorf("realm %s is marked %s=true (public demo accounts and keys) but its ESIA provider %s is set to %s %s:"
                    + " login refused, nothing sent; import the production realm template instead", request.getRealm().getName(),
                    EmulatorOnlyRealm.ATTRIBUTE, config.getAlias(), config.getConfig().get(EsiaIdentityProviderConfig.ENVIRONMENT),
                    config.getConfig().get(EsiaIdentityProviderConfig.BASE_URL));
            return ErrorPage.error(session, authSession, Response.Status.FORBIDDEN, EmulatorOnlyRealm.MESSAGE);
        }
        String esiaState = UUID.randomUUID().toString();
        String redirectUri = request.getRedirectUri();
        keepForwardedParameters(config, request, authSession);

        authSession.setAuthNote(NOTE_KEYCLOAK_STATE, request.getState().getEncoded());
        authSession.setAuthNote(NOTE_REDIRECT_URI, redirectUri);
        authSession.setAuthNote(stateNote(), esiaState);

        try {
            if (config.isClockCorrection() && EsiaClockOffset.stale(config.getAlias())) {
                client().learnClockOffset();
            }
            String timestamp = EsiaTimestamp.format(EsiaClockOffset.now(config.getAlias(), config.isClockCorrection()), config.getTimestampZone());
            EsiaRequestSigner.SignedRequest signed = new EsiaRequestSigner(session, config).authorization(timestamp, esiaState, redirectUri);

            Map<String, String> params = new LinkedHashMap<>();
            params.put("client_id", config.getClientId());
            params.put("client_secret", signed.clientSecret());
            params.put("redirect_uri", redirectUri);
            params.put("scope", config.getDefaultScope());
            params.put("response_type", "code");
            params.put("state", esiaState);
            params.put("timestamp", timestamp);
            params.put("access_type", "online");
            if (!config.isLegacyProtocol()) {
                params.put("client_certificate_hash", signed.certificateHash());
                if (!config.getScopeOrg().isEmpty()) {
                    params.put("scope_org", config.getScopeOrg());
                }
            }
            // Built by hand: the timestamp's '+' must arrive as %2B and spaces as %20 (ESIA-007014 otherwise).
            return Response.seeOther(URI.create(config.getAuthorizationUrl() + "?" + EsiaQuery.build(params))).build();
        } catch (EsiaLoginException e) {
            // Our own page rather than Keycloak's generic "could not send request": it says who can fix it.
            LOG.errorf("ESIA login cannot start for provider %s: %s", config.getAlias(), e.getMessage());
            return ErrorPage.error(session, authSession, e.status(), e.messageKey());
        } catch (RuntimeException e) {
            LOG.errorf(e, "ESIA login cannot start for provider %s", config.getAlias());
            return ErrorPage.error(session, authSession, Response.Status.INTERNAL_SERVER_ERROR, "esiaErrorConfiguration");
        }
    }

    /** The login page's choices (links to this provider with parameters) outlive the flow restart as client notes. */
    private static void keepForwardedParameters(EsiaIdentityProviderConfig config, AuthenticationRequest request,
                                                AuthenticationSessionModel authSession) {
        if (request.getUriInfo() != null) {
            config.getForwardedParameters().notes(request.getUriInfo().getQueryParameters()).forEach(authSession::setClientNote);
        }
    }

    /**
     * ESIA's verified e-mail goes onto the account when it changed, unless another account of the
     * realm already has it: one person may hold several school accounts (parent here, staff there), and a realm
     * that forbids duplicate e-mails would otherwise refuse the login with a database error.
     */
    @Override
    protected void updateEmail(UserModel user, BrokeredIdentityContext context) {
        String email = context.getEmail();
        if (email == null || email.equalsIgnoreCase(user.getEmail())) {
            return; // unchanged: no write, and the user stays in Keycloak's cache
        }
        RealmModel realm = session.getContext().getRealm();
        if (realm != null && !realm.isDuplicateEmailsAllowed()) {
            UserModel holder = session.users().getUserByEmail(realm, email);
            if (holder != null && !holder.getId().equals(user.getId())) {
                LOG.debugf("ESIA e-mail not copied to account %s: account %s has it", user.getId(), holder.getId());
                return;
            }
        }
        super.updateEmail(user, context);
    }

    String stateNote() {
        return "esia.state." + getConfig().getAlias();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new EsiaCallbackEndpoint(session, realm, this, callback, event);
    }

    EsiaClient client() {
        return new EsiaClient(session, getConfig());
    }

    /** ESIA's logout takes {@code redirect_url} (not redirect_uri) and echoes nothing back. */
    @Override
    public Response keycloakInitiatedBrowserLogout(KeycloakSession session, UserSessionModel userSession, UriInfo uriInfo, RealmModel realm) {
        URI back = RealmsResource.brokerUrl(uriInfo)
                .path(IdentityBrokerService.class, "getEndpoint")
                .path(EsiaCallbackEndpoint.class, "logoutResponse")
                .queryParam("state", userSession.getId())
                .build(realm.getName(), getConfig().getAlias());
        URI logout = UriBuilder.fromUri(getConfig().getLogoutUrl())
                .queryParam("client_id", getConfig().getClientId())
                .queryParam("redirect_url", back.toString())
                .build();
        return Response.status(Response.Status.FOUND).location(logout).build();
    }
}
