package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;

/** A tiny relying party for the tests: signs ESIA requests with BouncyCastle and talks plain HTTP. */
final class TestEsiaClient {
    static final Path KEYS = Path.of("../realm-config/keys");
    static final Path CONFIG = Path.of("../realm-config/esia-emulator.json");
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss Z");
    static final String REDIRECT = "http://localhost:8089/realms/school/broker/esia/endpoint";
    static final String SCOPE = "openid fullname birthdate gender snils email mobile contacts kid_fullname kid_birthdate kid_gender kid_snils kid_birth_cert_doc";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final String base;
    PrivateKey key = Pem.readPrivateKey(KEYS.resolve("client-gost.key.pem"));
    X509Certificate cert = Pem.readCertificate(KEYS.resolve("client-gost.crt.pem"));
    String clientId = "SCHOOL-DEMO";
    String redirect = REDIRECT;
    String scope = SCOPE;
    boolean reverse;

    TestEsiaClient(String base) {
        this.base = base;
    }

    static String timestamp(ZonedDateTime t) {
        return t.format(TS);
    }

    static String now() {
        return timestamp(ZonedDateTime.now(ZoneOffset.ofHours(3)));
    }

    static String certHash(X509Certificate c) throws Exception {
        GOST3411_2012_256Digest d = new GOST3411_2012_256Digest();
        byte[] der = c.getEncoded();
        d.update(der, 0, der.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return HexFormat.of().withUpperCase().formatHex(out);
    }

    String sign(String data) throws Exception {
        Signature s = Signature.getInstance("GOST3411-2012-256WITHECGOST3410-2012-256", "BC");
        s.initSign(key);
        s.update(data.getBytes(StandardCharsets.UTF_8));
        byte[] sig = s.sign();
        if (reverse) {
            sig = Crypto.reverse(sig);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    String cms(String data) throws Exception {
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
                .build(new JcaContentSignerBuilder("GOST3411-2012-256WITHECGOST3410-2012-256").setProvider("BC").build(key), cert));
        g.addCertificates(new JcaCertStore(List.of(cert)));
        CMSSignedData sd = g.generate(new CMSProcessableByteArray(data.getBytes(StandardCharsets.UTF_8)), false);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sd.getEncoded());
    }

    /** Parameters of a correctly signed v2 authorization request. */
    Map<String, String> authorizeParams(String state, String timestamp) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("client_secret", sign(clientId + scope + timestamp + state + redirect));
        p.put("client_certificate_hash", certHash(cert));
        p.put("redirect_uri", redirect);
        p.put("scope", scope);
        p.put("response_type", "code");
        p.put("state", state);
        p.put("timestamp", timestamp);
        p.put("access_type", "online");
        return p;
    }

    static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
        return postForm(path, form, null);
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> authorize(Map<String, String> params) throws Exception {
        return get("/aas/oauth2/v2/ac?" + query(params));
    }

    static String requestId(String pickerHtml) {
        Matcher m = Pattern.compile("name=\"request\" value=\"([^\"]+)\"").matcher(pickerHtml);
        if (!m.find()) {
            throw new AssertionError("no request id in picker page");
        }
        return m.group(1);
    }

    static String formAction(String pickerHtml) {
        Matcher m = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(pickerHtml);
        if (!m.find()) {
            throw new AssertionError("no form in picker page");
        }
        return m.group(1);
    }

    /** Query parameters of a redirect Location. */
    static Map<String, String> locationParams(HttpResponse<?> r) {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location, status " + r.statusCode()));
        Map<String, String> m = new LinkedHashMap<>();
        int q = loc.indexOf('?');
        if (q < 0) {
            return m;
        }
        for (String pair : loc.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    /** Picks the person on the picker page and returns the redirect's parameters (code, state). */
    Map<String, String> pick(HttpResponse<String> picker, String oid) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", requestId(picker.body()));
        form.put("oid", oid);
        HttpResponse<String> r = postForm(formAction(picker.body()), form);
        if (r.statusCode() != 302) {
            throw new AssertionError("confirm answered " + r.statusCode() + ": " + r.body());
        }
        return locationParams(r);
    }

    /** Authorizes as {@code oid} and returns the code. */
    String code(String oid) throws Exception {
        String state = UUID.randomUUID().toString();
        HttpResponse<String> picker = authorize(authorizeParams(state, now()));
        if (picker.statusCode() != 200) {
            throw new AssertionError("authorize answered " + picker.statusCode() + " " + picker.headers().firstValue("Location"));
        }
        return pick(picker, oid).get("code");
    }

    Map<String, String> tokenParams(String code, String state, String timestamp) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("code", code);
        p.put("grant_type", "authorization_code");
        p.put("client_certificate_hash", certHash(cert));
        p.put("client_secret", sign(clientId + scope + timestamp + state + redirect + code));
        p.put("state", state);
        p.put("redirect_uri", redirect);
        p.put("scope", scope);
        p.put("timestamp", timestamp);
        p.put("token_type", "Bearer");
        return p;
    }

    HttpResponse<String> token(Map<String, String> params) throws Exception {
        return postForm("/aas/oauth2/v3/te", params);
    }

    /** Full v2 flow: tokens for {@code oid}. */
    JsonNode login(String oid) throws Exception {
        HttpResponse<String> r = token(tokenParams(code(oid), UUID.randomUUID().toString(), now()));
        if (r.statusCode() != 200) {
            throw new AssertionError("token answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    static JsonNode header(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    /** Verifies a token's signature with a certificate, as a relying party would. */
    static boolean verify(String jwt, X509Certificate cert) throws Exception {
        String[] parts = jwt.split("\\.");
        String alg = header(jwt).path("alg").asText();
        Signature s = "RS256".equals(alg) ? Signature.getInstance("SHA256withRSA")
                : Signature.getInstance("GOST3411-2012-256WITHECGOST3410-2012-256", "BC");
        try {
            s.initVerify(cert.getPublicKey());
        } catch (java.security.InvalidKeyException e) {
            return false;
        }
        s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return s.verify(Base64.getUrlDecoder().decode(parts[2]));
    }
}
