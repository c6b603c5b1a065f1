package org.schoolesia.esia.signer.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.schoolesia.esia.http.CallDeadline;
import org.schoolesia.esia.protocol.CertificateHash;
import org.schoolesia.esia.signer.EsiaSignature;
import org.schoolesia.esia.signer.EsiaSigner;
import org.schoolesia.esia.signer.EsiaSignerException;
import org.schoolesia.esia.signer.SignatureFormat;
import org.schoolesia.esia.signer.SignerCertificates;
import org.schoolesia.esia.signer.SignerSettings;

/**
 * Delegates signing to a service in front of certified crypto (CryptoPro DSS behind an adapter,
 * a signing service, an HSM) — what production ESIA connections need since 2025.
 *
 * <h2>Contract</h2>
 * <pre>
 * POST {signerUrl}
 * Content-Type: application/json
 * Authorization: {signerAuthorization}          (only when configured, sent verbatim)
 *
 * {"data": "&lt;base64 of the bytes to sign&gt;", "format": "raw" | "cms"}
 *
 * 200 OK
 * {"signature": "&lt;base64&gt;", "certificateHash": "&lt;64 hex&gt;"}
 * </pre>
 * <ul>
 * <li>{@code raw}: the 64-byte GOST R 34.10-2012 (256) signature over Streebog-256 of {@code data},
 * in the byte order the service's crypto produces (the identity provider has a switch to reverse
 * it for ESIA).</li>
 * <li>{@code cms}: a detached CMS SignedData in DER, signer certificate included.</li>
 * <li>{@code certificateHash}: Streebog-256 of the signing certificate's DER, hex. It may be
 * omitted when {@code signerCertificate} is configured here; then it is computed from that
 * certificate. When both are present they must agree.</li>
 * <li>Base64 may be standard or URL-safe. Any status other than 200 is a failure.</li>
 * </ul>
 * The call goes through Keycloak's HTTP client ({@code HttpClientProvider}: its proxy, pool and
 * truststore settings apply), never follows redirects, and must be complete within
 * {@code signerTimeoutMillis} (default 5000), connecting and reading included.
 */
public final class HttpEsiaSigner implements EsiaSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX_64 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final int ECHO_LIMIT = 200;
    /** A signature and a hash fit many times over; anything bigger is not an answer to us. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** What the settings say about the service; parsed once per settings (the factory caches it). */
    public record Service(URI url, String authorization, Duration timeout, String certificateHash) {

        /** @throws EsiaSignerException when {@code signerUrl} is missing or not http(s) */
        public static Service of(SignerSettings settings) {
            return new Service(HttpEsiaSigner.url(settings.url()), settings.authorization(), settings.timeout(),
                    settings.certificate() == null ? null : CertificateHash.of(SignerCertificates.parse(settings.certificate())));
        }
    }

    private final Service service;
    private final CloseableHttpClient client;

    /** @param client Keycloak's shared client ({@code HttpClientProvider.getHttpClient()}); not closed here */
    public HttpEsiaSigner(Service service, CloseableHttpClient client) {
        this.service = service;
        this.client = client;
    }

    /** @throws EsiaSignerException when {@code signerUrl} is missing or not http(s) */
    public static HttpEsiaSigner from(SignerSettings settings, CloseableHttpClient client) {
        return new HttpEsiaSigner(Service.of(settings), client);
    }

    public Service service() {
        return service;
    }

    private static URI url(String url) {
        if (url == null) {
            throw new EsiaSignerException(SignerSettings.URL + " is not set: configure the signing "
                    + "service's URL, e.g. https://signer.internal:8443/sign");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new EsiaSignerException(SignerSettings.URL + " must be an absolute http(s) URL, e.g. "
                + "https://signer.internal:8443/sign");
    }

    @Override
    public String certificateHash() {
        return service.certificateHash();
    }

    @Override
    public EsiaSignature sign(byte[] data, SignatureFormat format) {
        boolean raw = format == SignatureFormat.RAW_GOST_2012_256;
        ObjectNode body = JSON.createObjectNode()
                .put("data", Base64.getEncoder().encodeToString(data))
                .put("format", raw ? "raw" : "cms");
        int millis = (int) service.timeout().toMillis();
        HttpPost request = new HttpPost(service.url());
        request.setConfig(RequestConfig.custom().setConnectTimeout(millis).setConnectionRequestTimeout(millis)
                .setSocketTimeout(millis).setRedirectsEnabled(false).build());
        request.setHeader("Accept", "application/json");
        if (service.authorization() != null) {
            request.setHeader("Authorization", service.authorization());
        }
        request.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        Answer answer = send(request, millis);
        if (answer.status() != 200) {
            throw new EsiaSignerException("signing service " + where() + " answered HTTP " + answer.status()
                    + echo(answer.body()) + "; check the service's log"
                    + (answer.status() == 401 || answer.status() == 403
                    ? " and " + SignerSettings.AUTHORIZATION : ""));
        }
        return signature(answer.body(), raw);
    }

    private record Answer(int status, String body) {
    }

    private Answer send(HttpPost request, int millis) {
        CallDeadline deadline = CallDeadline.start(client, millis);
        try (deadline; CloseableHttpResponse response = deadline.client().execute(request)) {
            return new Answer(response.getStatusLine().getStatusCode(), read(response.getEntity()));
        } catch (ConnectException | ConnectTimeoutException e) {
            throw new EsiaSignerException("cannot connect to signing service " + where() + " within "
                    + millis + " ms: is it running and reachable from Keycloak (proxy settings included)?", e);
        } catch (IOException e) {
            if (deadline.expired() || e instanceof SocketTimeoutException) {
                throw new EsiaSignerException("signing service " + where() + " did not answer within "
                        + millis + " ms (" + SignerSettings.TIMEOUT_MILLIS + ")", e);
            }
            throw new EsiaSignerException("signing service " + where() + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private String read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new EsiaSignerException("signing service " + where() + " answered with more than "
                        + MAX_ANSWER_BYTES + " bytes: not a signature");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private EsiaSignature signature(String responseBody, boolean raw) {
        JsonNode answer;
        try {
            answer = JSON.readTree(responseBody);
        } catch (IOException e) {
            answer = null;
        }
        JsonNode signatureNode = answer == null ? null : answer.get("signature");
        if (signatureNode == null || !signatureNode.isTextual()) {
            throw new EsiaSignerException("signing service " + where() + " answered 200 without the JSON "
                    + "{\"signature\": \"<base64>\", \"certificateHash\": \"<hex>\"}" + echo(responseBody));
        }
        byte[] signature = base64(signatureNode.asText());
        if (raw && signature.length != 64) {
            throw new EsiaSignerException("signing service " + where() + " returned a " + signature.length
                    + "-byte signature for format raw; ESIA needs the 64-byte GOST R 34.10-2012 (256) signature "
                    + "(not CMS, not a 512-bit key)");
        }
        if (!raw && signature.length == 0) {
            throw new EsiaSignerException("signing service " + where() + " returned an empty CMS signature");
        }
        return new EsiaSignature(signature, certificateHash(answer.get("certificateHash")));
    }

    private String certificateHash(JsonNode reported) {
        String configuredCertificateHash = service.certificateHash();
        if (reported == null || reported.isNull()) {
            return configuredCertificateHash;
        }
        if (!reported.isTextual() || !HEX_64.matcher(reported.asText()).matches()) {
            throw new EsiaSignerException("signing service " + where() + " returned a certificateHash that is not "
                    + "64 hex characters (Streebog-256 of the certificate DER, not a SHA-1 thumbprint)");
        }
        String hash = reported.asText().toUpperCase(Locale.ROOT);
        if (configuredCertificateHash != null && !configuredCertificateHash.equals(hash)) {
            throw new EsiaSignerException("signing service " + where() + " signs with certificate " + hash
                    + " but " + SignerSettings.CERTIFICATE + " is " + configuredCertificateHash
                    + ": configure the certificate the service actually uses");
        }
        return hash;
    }

    private byte[] base64(String text) {
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new EsiaSignerException("signing service " + where() + " returned a signature that is not base64");
        }
    }

    /** The URL without credentials or query, which may carry secrets. */
    private String where() {
        URI url = service.url();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getPath() == null ? "" : url.getPath());
    }

    private static String echo(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String cut = body.length() > ECHO_LIMIT ? body.substring(0, ECHO_LIMIT) + "…" : body;
        return ": " + cut.replaceAll("[\\p{Cntrl}]", " ");
    }
}
