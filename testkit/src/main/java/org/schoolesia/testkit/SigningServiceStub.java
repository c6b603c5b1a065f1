package org.schoolesia.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.schoolesia.emulator.Crypto;
import org.schoolesia.emulator.Pem;

/**
 * Stands in for a certified signing service (a CryptoPro DSS adapter, an HSM front) in tests of the
 * {@code http} signer: it speaks the provider's HTTP signer contract with a demo key.
 */
public final class SigningServiceStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private SigningServiceStub(HttpServer server) {
        this.server = server;
    }

    public static SigningServiceStub start(Path keyPem, Path certificatePem, String requiredAuthorization) throws IOException {
        PrivateKey key = Pem.readPrivateKey(keyPem);
        X509Certificate certificate = Pem.readCertificate(certificatePem);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SigningServiceStub stub = new SigningServiceStub(server);
        server.createContext("/sign", exchange -> stub.handle(exchange, key, certificate, requiredAuthorization));
        server.start();
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sign";
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange, PrivateKey key, X509Certificate certificate, String requiredAuthorization) throws IOException {
        requests.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (requiredAuthorization != null && !requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            JsonNode request = JSON.readTree(in);
            byte[] data = Base64.getDecoder().decode(request.path("data").asText());
            byte[] signature = "cms".equals(request.path("format").asText()) ? cms(key, certificate, data) : Crypto.signGost(key, data);
            reply(exchange, 200, JSON.createObjectNode()
                    .put("signature", Base64.getEncoder().encodeToString(signature))
                    .put("certificateHash", Crypto.certificateHash(certificate)).toString());
        } catch (Exception e) {
            reply(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static byte[] cms(PrivateKey key, X509Certificate certificate, byte[] data) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
                .build(new JcaContentSignerBuilder(Crypto.GOST_SIGNATURE).setProvider(Crypto.BC).build(key), certificate));
        generator.addCertificates(new JcaCertStore(List.of(certificate)));
        return generator.generate(new CMSProcessableByteArray(data), false).getEncoded();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
