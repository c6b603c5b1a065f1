package org.schoolesia.esia.signer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schoolesia.esia.protocol.CertificateHash;
import org.schoolesia.esia.protocol.GostCrypto;
import org.schoolesia.esia.protocol.TestKeys;
import org.schoolesia.esia.signer.http.HttpEsiaSigner;
import org.schoolesia.esia.signer.http.HttpSignerProviderFactory;

/** The HTTP signer against a signing service played by the JDK's HttpServer on a free port. */
class HttpEsiaSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DATA = "SCHOOL01openid".getBytes(StandardCharsets.UTF_8);

    private static HttpServer server;
    private static ExecutorService executor;
    private static String base;
    private static KeyPair keys;
    private static X509Certificate certificate;
    private static String hash;
    private static final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
    private static final AtomicReference<String> lastAuthorization = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        keys = TestKeys.gost();
        certificate = TestKeys.certificate(keys, "signing-service");
        hash = CertificateHash.of(certificate);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/sign", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            lastRequest.set(request);
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] data = Base64.getDecoder().decode(request.get("data").asText());
            respond(exchange, 200, "{\"signature\":\"" + Base64.getEncoder().encodeToString(sign(data))
                    + "\",\"certificateHash\":\"" + hash.toLowerCase() + "\"}");
        });
        server.createContext("/no-hash", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "{\"signature\":\"" + Base64.getUrlEncoder().encodeToString(new byte[64]) + "\"}");
        });
        server.createContext("/other-hash", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "{\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[64])
                    + "\",\"certificateHash\":\"" + "AB".repeat(32) + "\"}");
        });
        server.createContext("/fail", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 500, "boom " + "x".repeat(1000));
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        });
        server.createContext("/not-json", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "<html>login page</html>");
        });
        server.createContext("/short", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "{\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[10]) + "\"}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(GostCrypto.SIGNATURE_ALGORITHM, GostCrypto.provider());
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static SignerSettings settings(String path, String certificatePem, String timeoutMillis) {
        Map<String, String> values = new HashMap<>();
        values.put(SignerSettings.URL, base + path);
        values.put(SignerSettings.AUTHORIZATION, "Bearer service-token");
        values.put(SignerSettings.CERTIFICATE, certificatePem);
        values.put(SignerSettings.TIMEOUT_MILLIS, timeoutMillis);
        return new SignerSettings(values);
    }

    @Test
    void happyPathSendsTheContractAndReturnsTheSignature() throws Exception {
        EsiaSignature signature = HttpEsiaSigner.from(settings("/sign", null, null))
                .sign(DATA, SignatureFormat.RAW_GOST_2012_256);
        assertEquals("raw", lastRequest.get().get("format").asText());
        assertArrayEquals(DATA, Base64.getDecoder().decode(lastRequest.get().get("data").asText()));
        assertEquals("Bearer service-token", lastAuthorization.get());
        assertEquals(64, signature.signature().length);
        assertEquals(hash, signature.certificateHash(), "hash normalised to upper case");
        Signature verifier = Signature.getInstance(GostCrypto.SIGNATURE_ALGORITHM, GostCrypto.provider());
        verifier.initVerify(keys.getPublic());
        verifier.update(DATA);
        assertTrue(verifier.verify(signature.signature()));

        HttpEsiaSigner.from(settings("/sign", null, null)).sign(DATA, SignatureFormat.CMS_DETACHED);
        assertEquals("cms", lastRequest.get().get("format").asText());
    }

    @Test
    void certificateHashComesFromTheConfiguredCertificateWhenOmitted() throws Exception {
        HttpEsiaSigner signer = HttpEsiaSigner.from(settings("/no-hash", TestKeys.pem(certificate), null));
        assertEquals(hash, signer.certificateHash());
        assertEquals(hash, signer.sign(DATA, SignatureFormat.RAW_GOST_2012_256).certificateHash());
        HttpEsiaSigner noCertificate = HttpEsiaSigner.from(settings("/no-hash", null, null));
        assertNull(noCertificate.certificateHash());
        assertNull(noCertificate.sign(DATA, SignatureFormat.RAW_GOST_2012_256).certificateHash());
    }

    @Test
    void disagreeingCertificateHashIsRefused() throws Exception {
        EsiaSignerException e = assertThrows(EsiaSignerException.class, () -> HttpEsiaSigner
                .from(settings("/other-hash", TestKeys.pem(certificate), null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains(SignerSettings.CERTIFICATE), e.getMessage());
    }

    @Test
    void serverErrorReportsStatusAndAShortBody() {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> HttpEsiaSigner.from(settings("/fail", null, null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertFalse(e.getMessage().contains("x".repeat(201)), "body echo is capped at 200 characters");
    }

    @Test
    void timeoutIsReported() {
        long start = System.nanoTime();
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> HttpEsiaSigner.from(settings("/slow", null, "300")).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "did not wait for the slow service");
    }

    @Test
    void badJsonAndWrongLengthAreReported() {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> HttpEsiaSigner.from(settings("/not-json", null, null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("without the JSON"), e.getMessage());
        e = assertThrows(EsiaSignerException.class,
                () -> HttpEsiaSigner.from(settings("/short", null, null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("10-byte"), e.getMessage());
    }

    @Test
    void unreachableServiceAndBadUrlAreReported() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        EsiaSignerException e = assertThrows(EsiaSignerException.class, () -> HttpEsiaSigner
                .from(new SignerSettings(Map.of(SignerSettings.URL, "http://127.0.0.1:" + port + "/sign",
                        SignerSettings.TIMEOUT_MILLIS, "2000")))
                .sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        e = assertThrows(EsiaSignerException.class,
                () -> HttpEsiaSigner.from(new SignerSettings(Map.of(SignerSettings.URL, "ftp://x/sign"))));
        assertTrue(e.getMessage().contains("http(s)"), e.getMessage());
        e = assertThrows(EsiaSignerException.class, () -> HttpEsiaSigner.from(new SignerSettings(Map.of())));
        assertTrue(e.getMessage().contains(SignerSettings.URL), e.getMessage());
    }

    @Test
    void factoryReusesTheClientPerSettings() {
        HttpSignerProviderFactory factory = new HttpSignerProviderFactory();
        EsiaSigner signer = factory.create(null).signer(settings("/sign", null, null));
        assertSame(signer, factory.create(null).signer(settings("/sign", null, null)));
        assertEquals("http", factory.getId());
        assertTrue(factory.getOperationalInfo().get("implementation").contains("HTTP"));
    }
}
