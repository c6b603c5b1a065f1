package org.schoolesia.esia.signer.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * Connect and response timeouts are {@code signerTimeoutMillis} (default 5000).
 */
public final class HttpEsiaSigner implements EsiaSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX_64 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final int ECHO_LIMIT = 200;

    private final HttpClient client;
    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final String configuredCertificateHash;

    private HttpEsiaSigner(HttpClient client, URI url, String authorization, Duration timeout,
                           String configuredCertificateHash) {
        this.client = client;
        this.url = url;
        this.authorization = authorization;
        this.timeout = timeout;
        this.configuredCertificateHash = configuredCertificateHash;
    }

    /** @throws EsiaSignerException when {@code signerUrl} is missing or not http(s) */
    public static HttpEsiaSigner from(SignerSettings settings) {
        URI url = url(settings.url());
        String certificateHash = settings.certificate() == null ? null
                : CertificateHash.of(SignerCertificates.parse(settings.certificate()));
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HttpEsiaSigner(client, url, settings.authorization(), settings.timeout(), certificateHash);
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
        return configuredCertificateHash;
    }

    @Override
    public EsiaSignature sign(byte[] data, SignatureFormat format) {
        boolean raw = format == SignatureFormat.RAW_GOST_2012_256;
        ObjectNode body = JSON.createObjectNode()
                .put("data", Base64.getEncoder().encodeToString(data))
                .put("format", raw ? "raw" : "cms");
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new EsiaSignerException("signing service " + where() + " answered HTTP " + response.statusCode()
                    + echo(response.body()) + "; check the service's log"
                    + (response.statusCode() == 401 || response.statusCode() == 403
                    ? " and " + SignerSettings.AUTHORIZATION : ""));
        }
        return signature(response.body(), raw);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new EsiaSignerException("cannot connect to signing service " + where() + " within "
                    + timeout.toMillis() + " ms: is it running and reachable from Keycloak?", e);
        } catch (HttpTimeoutException e) {
            throw new EsiaSignerException("signing service " + where() + " did not answer within "
                    + timeout.toMillis() + " ms (" + SignerSettings.TIMEOUT_MILLIS + ")", e);
        } catch (IOException e) {
            throw new EsiaSignerException("signing service " + where() + " failed: " + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EsiaSignerException("interrupted while waiting for signing service " + where(), e);
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
