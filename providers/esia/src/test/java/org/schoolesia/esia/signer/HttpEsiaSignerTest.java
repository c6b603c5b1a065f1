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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.http.HttpRequestInterceptor;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schoolesia.esia.protocol.CertificateHash;
import org.schoolesia.esia.protocol.GostCrypto;
import org.schoolesia.esia.protocol.TestKeys;
import org.schoolesia.esia.signer.http.HttpEsiaSigner;
import org.schoolesia.esia.signer.http.HttpSignerProviderFactory;

/**
 * The HTTP signer against a signing service played by the JDK's HttpServer on a free port, calling
 * through an Apache client handed in as Keycloak's HttpClientProvider hands in its own.
 */
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
    /** Stands for Keycloak's shared client: every request must go through it (its proxy and pool settings). */
    private static final AtomicInteger throughSharedClient = new AtomicInteger();
    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .addInterceptorFirst((HttpRequestInterceptor) (request, context) -> throughSharedClient.incrementAndGet())
            .build();

    private static HttpEsiaSigner signer(SignerSettings settings) {
        return HttpEsiaSigner.from(settings, CLIENT);
    }

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
        server.createContext("/drip", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            // A byte every 100 ms: each read succeeds within any socket timeout, only a deadline ends it.
            try (var out = exchange.getResponseBody()) {
                for (byte b : "{\"signature\":\"AAAA\"}".repeat(10).getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the signer hung up: what a deadline does
            }
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
    static void stop() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        CLIENT.close();
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
        int before = throughSharedClient.get();
        EsiaSignature signature = signer(settings("/sign", null, null))
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
        assertEquals(before + 1, throughSharedClient.get(), "the call went through the client handed in");

        signer(settings("/sign", null, null)).sign(DATA, SignatureFormat.CMS_DETACHED);
        assertEquals("cms", lastRequest.get().get("format").asText());
    }

    @Test
    void certificateHashComesFromTheConfiguredCertificateWhenOmitted() throws Exception {
        HttpEsiaSigner signer = signer(settings("/no-hash", TestKeys.pem(certificate), null));
        assertEquals(hash, signer.certificateHash());
        assertEquals(hash, signer.sign(DATA, SignatureFormat.RAW_GOST_2012_256).certificateHash());
        HttpEsiaSigner noCertificate = signer(settings("/no-hash", null, null));
        assertNull(noCertificate.certificateHash());
        assertNull(noCertificate.sign(DATA, SignatureFormat.RAW_GOST_2012_256).certificateHash());
    }

    @Test
    void disagreeingCertificateHashIsRefused() throws Exception {
        EsiaSignerException e = assertThrows(EsiaSignerException.class, () -> signer(settings("/other-hash", TestKeys.pem(certificate), null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains(SignerSettings.CERTIFICATE), e.getMessage());
    }

    @Test
    void serverErrorReportsStatusAndAShortBody() {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> signer(settings("/fail", null, null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertFalse(e.getMessage().contains("x".repeat(201)), "body echo is capped at 200 characters");
    }

    @Test
    void timeoutIsReported() {
        long start = System.nanoTime();
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> signer(settings("/slow", null, "300")).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "did not wait for the slow service");
    }

    @Test
    void aDrippingAnswerEndsAtTheDeadline() {
        long start = System.nanoTime();
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> signer(settings("/drip", null, "600")).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("did not answer within 600 ms"), e.getMessage());
        assertTrue(elapsedMillis >= 550 && elapsedMillis < 2500, "ended at the deadline, not after the drip: " + elapsedMillis + " ms");
    }

    @Test
    void badJsonAndWrongLengthAreReported() {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> signer(settings("/not-json", null, null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("without the JSON"), e.getMessage());
        e = assertThrows(EsiaSignerException.class,
                () -> signer(settings("/short", null, null)).sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("10-byte"), e.getMessage());
    }

    @Test
    void unreachableServiceAndBadUrlAreReported() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        EsiaSignerException e = assertThrows(EsiaSignerException.class, () -> signer(new SignerSettings(Map.of(SignerSettings.URL, "http://127.0.0.1:" + port + "/sign",
                        SignerSettings.TIMEOUT_MILLIS, "2000")))
                .sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        e = assertThrows(EsiaSignerException.class,
                () -> signer(new SignerSettings(Map.of(SignerSettings.URL, "ftp://x/sign"))));
        assertTrue(e.getMessage().contains("http(s)"), e.getMessage());
        e = assertThrows(EsiaSignerException.class, () -> signer(new SignerSettings(Map.of())));
        assertTrue(e.getMessage().contains(SignerSettings.URL), e.getMessage());
    }

    @Test
    void factoryParsesEachSettingsOnceAndCallsThroughTheClientHandedIn() throws Exception {
        HttpSignerProviderFactory factory = new HttpSignerProviderFactory();
        SignerSettings settings = settings("/sign", TestKeys.pem(certificate), null);
        HttpEsiaSigner first = factory.signer(settings, CLIENT);
        HttpEsiaSigner second = factory.signer(settings("/sign", TestKeys.pem(certificate), null), CLIENT);
        assertSame(first.service(), second.service());
        assertEquals("1", factory.getOperationalInfo().get("cachedServices"));
        int before = throughSharedClient.get();
        second.sign(DATA, SignatureFormat.RAW_GOST_2012_256);
        assertEquals(before + 1, throughSharedClient.get());
        assertEquals("http", factory.getId());
        assertTrue(factory.getOperationalInfo().get("implementation").contains("HTTP"));
    }
}
