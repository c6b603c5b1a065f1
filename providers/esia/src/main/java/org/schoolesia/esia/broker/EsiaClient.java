package org.schoolesia.esia.broker;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.apache.http.client.config.RequestConfig;
import org.jboss.logging.Logger;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.esia.http.CallDeadline;
import org.schoolesia.esia.protocol.EsiaBirthCertificate;
import org.schoolesia.esia.protocol.EsiaError;
import org.schoolesia.esia.protocol.EsiaPerson;
import org.schoolesia.esia.protocol.EsiaPersonException;
import org.schoolesia.esia.protocol.EsiaPersonParser;
import org.schoolesia.esia.protocol.EsiaTimestamp;

/**
 * The server-to-server half of an ESIA login: the signed token request and the person API.
 * Every call goes through Keycloak's HTTP client (its proxy and pool settings apply) and has the
 * configured deadline and response-size limit, so a slow, dripping or hostile answer ends the
 * login with a clear page instead of holding a Keycloak worker.
 */
final class EsiaClient {

    private static final Logger LOG = Logger.getLogger(EsiaClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final EsiaIdentityProviderConfig config;
    private final EsiaRequestSigner signer;

    EsiaClient(KeycloakSession session, EsiaIdentityProviderConfig config) {
        this.session = session;
        this.config = config;
        this.signer = new EsiaRequestSigner(session, config);
    }

    /** Exchanges the authorization code; a fresh {@code state} guards this call, as ESIA requires. */
    EsiaTokenResponse exchangeCode(String code, String redirectUri) {
        String state = UUID.randomUUID().toString();
        String timestamp = EsiaTimestamp.format(EsiaClockOffset.now(config.getAlias(), config.isClockCorrection()), config.getTimestampZone());
        EsiaRequestSigner.SignedRequest signed = signer.token(timestamp, state, redirectUri, code);
        return withDeadline("token endpoint", http -> exchange(http.doPost(config.getTokenUrl()), state, code, redirectUri, timestamp, signed));
    }

    private EsiaTokenResponse exchange(SimpleHttpRequest request, String state, String code, String redirectUri, String timestamp,
                                       EsiaRequestSigner.SignedRequest signed) throws IOException {
        request.param("client_id", config.getClientId())
                .param("code", code)
                .param("grant_type", "authorization_code")
                .param("client_secret", signed.clientSecret())
                .param("state", state)
                .param("redirect_uri", redirectUri)
                .param("scope", config.getDefaultScope())
                .param("timestamp", timestamp)
                .param("token_type", "Bearer");
        if (!config.isLegacyProtocol()) {
            request.param("client_certificate_hash", signed.certificateHash());
            if (!config.getScopeOrg().isEmpty()) {
                request.param("scope_org", config.getScopeOrg());
            }
        }

        try (SimpleHttpResponse response = request.asResponse()) {
            int status = response.getStatus();
            String body = response.asString();
            String date = response.getFirstHeader("Date");
            Object offset = status == 200 ? EsiaClockOffset.observeIfDue(config.getAlias(), date) : EsiaClockOffset.observe(config.getAlias(), date);
            if (status != 200) {
                EsiaError error = EsiaError.fromDescription(errorDescription(body));
                LOG.warnf("ESIA token endpoint refused the code exchange: HTTP %d, %s. %s (clock offset to ESIA: %s)",
                        status, error.code(), error.adminHint(), offset);
                throw new EsiaLoginException(error.messageKey(), Response.Status.BAD_GATEWAY,
                        "ESIA token endpoint answered HTTP " + status + " " + error.code());
            }
            JsonNode node = parse(body, "token response");
            String echoedState = text(node, "state");
            if (echoedState != null && !state.equals(echoedState)) {
                throw new EsiaLoginException("esiaErrorInvalidResponse", Response.Status.BAD_GATEWAY,
                        "ESIA token response carries a state that is not the one of our request: refused");
            }
            String accessToken = text(node, "access_token");
            String idToken = text(node, "id_token");
            if (accessToken == null || idToken == null) {
                throw new EsiaLoginException("esiaErrorInvalidResponse", Response.Status.BAD_GATEWAY,
                        "ESIA token response lacks access_token or id_token");
            }
            return new EsiaTokenResponse(accessToken, idToken, text(node, "refresh_token"), echoedState,
                    node.path("expires_in").asLong(0), body);
        }
    }

    /**
     * Measures the offset to ESIA's clock from the Date header of a HEAD request to the base URL,
     * before the first signed request: ESIA-007015 on the authorization request comes back through
     * the browser, too late to learn from. Failure only means no correction this time.
     */
    void learnClockOffset() {
        try {
            Object offset = withDeadline("clock (HEAD " + config.getBaseUrl() + "/)", http -> {
                try (SimpleHttpResponse response = http.doHead(config.getBaseUrl() + "/").asResponse()) {
                    return EsiaClockOffset.observe(config.getAlias(), response.getFirstHeader("Date"));
                }
            });
            LOG.debugf("clock offset to ESIA (%s): %s", config.getAlias(), offset);
        } catch (RuntimeException e) {
            LOG.warnf("could not read ESIA's clock for offset correction: %s", e.getMessage());
        }
    }

    /**
     * The person, with contacts and (if asked for) children when the granted scopes cover them.
     * Contacts and children come with the person in one call ({@code embed=(contacts.elements,kids.elements)},
     * issue 14: a call less per login for each); an answer without them costs the calls it always did.
     */
    EsiaPerson fetchPerson(String oid, String accessToken, boolean withChildren) {
        String personUrl = config.getPersonUrl(oid);
        boolean withContacts = config.getScopes().stream().anyMatch(s -> s.equals("email") || s.equals("mobile") || s.equals("contacts"));
        boolean withKids = withChildren && config.getScopes().stream().anyMatch(s -> s.startsWith("kid_"));
        List<String> embedded = new ArrayList<>();
        if (config.isEmbedInPerson()) {
            if (withContacts) {
                embedded.add("contacts.elements");
            }
            if (withKids) {
                embedded.add("kids.elements");
            }
        }
        // Named so that a refusal of the embed parameter points the operator at "Read contacts and children with the person".
        String person = embedded.isEmpty() ? get(personUrl, accessToken, "person")
                : get(personUrl + "?embed=(" + String.join(",", embedded) + ")", accessToken, "person with " + String.join(", ", embedded) + " embedded");
        String contacts = null;
        if (withContacts && !(embedded.contains("contacts.elements") && carries(person, "contacts"))) {
            contacts = get(personUrl + "/ctts?embed=(elements)", accessToken, "contacts");
        }
        String kids = null;
        if (withKids && !(embedded.contains("kids.elements") && carries(person, "kids"))) {
            kids = get(personUrl + "/kids?embed=(elements)", accessToken, "children");
        }
        try {
            return EsiaPersonParser.parse(person, contacts, kids);
        } catch (EsiaPersonException e) {
            throw new EsiaLoginException("esiaErrorPersonData", Response.Status.BAD_GATEWAY,
                    "ESIA person data for oid " + oid + " is not usable: " + e.getMessage(), e);
        }
    }

    private static boolean carries(String person, String collection) {
        try {
            return EsiaPersonParser.carries(person, collection);
        } catch (EsiaPersonException e) {
            return false; // the parse below reports what is wrong with the document
        }
    }

    /**
     * A child's birth certificate from its documents ({@code kid_birth_cert_doc}); empty when ESIA holds none.
     * Asked only when something needs it (issue 14: {@link EsiaChildDocuments}), never at every login.
     */
    java.util.Optional<EsiaBirthCertificate> fetchBirthCertificate(String oid, String kidOid, String accessToken) {
        String docs = get(config.getPersonUrl(oid) + "/kids/" + kidOid + "/docs?embed=(elements)", accessToken, "child documents");
        try {
            return EsiaPersonParser.birthCertificate(docs);
        } catch (EsiaPersonException e) {
            throw new EsiaLoginException("esiaErrorPersonData", Response.Status.BAD_GATEWAY,
                    "ESIA child documents are not usable: " + e.getMessage(), e);
        }
    }

    private String get(String url, String accessToken, String what) {
        return withDeadline("person API (" + what + ")", http -> {
            try (SimpleHttpResponse response = http.doGet(url).auth(accessToken).acceptJson().asResponse()) {
                int status = response.getStatus();
                if (status != 200) {
                    throw new EsiaLoginException("esiaErrorPersonData", Response.Status.BAD_GATEWAY,
                            "ESIA person API (" + what + ") answered HTTP " + status);
                }
                return response.asString();
            } catch (IOException e) {
                // Keycloak's HTTP client stops reading past the size limit with this message.
                if (e.getMessage() != null && e.getMessage().startsWith("Response is at least")) {
                    throw new EsiaLoginException("esiaErrorPersonData", Response.Status.BAD_GATEWAY,
                            "ESIA person API (" + what + ") answer is larger than " + config.getMaxResponseBytes() + " bytes: refused", e);
                }
                throw e;
            }
        });
    }

    /** One exchange with ESIA, request and answer, under the provider's call deadline. */
    @FunctionalInterface
    private interface Exchange<T> {
        T run(SimpleHttp http) throws IOException;
    }

    private <T> T withDeadline(String what, Exchange<T> exchange) {
        int millis = config.getHttpTimeoutMillis();
        CallDeadline deadline = CallDeadline.start(session.getProvider(HttpClientProvider.class).getHttpClient(), millis);
        try (deadline) {
            // Socket timeouts too, so a silent peer is noticed without waiting for the timer thread.
            RequestConfig requestConfig = RequestConfig.custom()
                    .setConnectTimeout(millis).setConnectionRequestTimeout(millis).setSocketTimeout(millis).build();
            return exchange.run(SimpleHttp.create(deadline.client()).withRequestConfig(requestConfig)
                    .withMaxConsumedResponseSize(config.getMaxResponseBytes()));
        } catch (IOException e) {
            String reason = deadline.expired() || e instanceof SocketTimeoutException
                    ? "no complete answer within " + millis + " ms (call deadline)"
                    : e.getMessage();
            throw new EsiaLoginException("esiaErrorUnavailable", Response.Status.BAD_GATEWAY, "ESIA " + what + " failed: " + reason, e);
        }
    }

    private static JsonNode parse(String body, String what) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new EsiaLoginException("esiaErrorInvalidResponse", Response.Status.BAD_GATEWAY,
                    "ESIA " + what + " is not valid JSON");
        }
    }

    private static String errorDescription(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? null : text(node, "error_description");
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
