package org.schoolesia.bench;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Cost of one GOST R 34.10-2012 (256) signature and one verification with BouncyCastle, the
 * crypto an ESIA login inherently needs, measured on this JVM's thread CPU clock.
 */
final class GostCost {

    static final String ALGORITHM = "GOST3411-2012-256WITHECGOST3410-2012-256";

    /**
     * Medians over rounds, in microseconds of CPU per operation; {@code rounds} are the per-round figures.
     * {@code sign}/{@code verify}: a new {@code Signature} initialised for every operation (as the id_token
     * verifier does); {@code signReused}: one {@code Signature} initialised once and signing again and again,
     * as our BouncyCastle signer does since it keeps one engine per worker thread.
     */
    record Result(double signMicros, double verifyMicros, double signReusedMicros, List<Double> signRounds, List<Double> verifyRounds,
                  List<Double> signReusedRounds, int opsPerRound) {

        /**
         * What an ESIA login costs in GOST crypto: 2 signatures (authorize + token) with the signer's reused
         * engine and 1 id_token verification.
         */
        double perLoginMillis() {
            return (2 * signReusedMicros + verifyMicros) / 1000.0;
        }
    }

    private final Provider provider = new BouncyCastleProvider();
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    GostCost(Path keyPem, Path certificatePem) throws IOException {
        try (Reader reader = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object item = parser.readObject();
            if (!(item instanceof PrivateKeyInfo info)) {
                throw new IllegalStateException(keyPem + ": expected an unencrypted PKCS#8 private key, found " + item);
            }
            privateKey = new JcaPEMKeyConverter().setProvider(provider).getPrivateKey(info);
        }
        try (Reader reader = Files.newBufferedReader(certificatePem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object item = parser.readObject();
            if (!(item instanceof X509CertificateHolder holder)) {
                throw new IllegalStateException(certificatePem + ": expected a certificate, found " + item);
            }
            publicKey = new JcaX509CertificateConverter().setProvider(provider).getCertificate(holder).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + certificatePem, e);
        }
    }

    Result measure(int warmupOps, int rounds, int opsPerRound) throws GeneralSecurityException {
        // The shape of ESIA's signed string: client_id + scope + timestamp + state + redirect_uri.
        byte[] data = ("SCHOOL-DEMOopenid fullname birthdate gender snils email mobile kid_fullname kid_birthdate kid_gender kid_snils"
                + "2026.11.22 12:00:00 +0300" + "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
                + "http://127.0.0.1:8080/realms/school-demo/broker/esia/endpoint").getBytes(StandardCharsets.UTF_8);
        byte[] signature = sign(data);
        if (!verify(data, signature)) {
            throw new IllegalStateException("the demo key's own signature does not verify: wrong key/certificate pair?");
        }
        for (int i = 0; i < warmupOps; i++) {
            signature = sign(data);
            verify(data, signature);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> signRounds = new ArrayList<>();
        List<Double> verifyRounds = new ArrayList<>();
        List<Double> signReusedRounds = new ArrayList<>();
        Signature reused = Signature.getInstance(ALGORITHM, provider);
        reused.initSign(privateKey);
        for (int i = 0; i < warmupOps; i++) {
            reused.update(data);
            reused.sign();
        }
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) {
                signature = sign(data);
            }
            signRounds.add((threads.getCurrentThreadCpuTime() - start) / 1000.0 / opsPerRound);
            start = threads.getCurrentThreadCpuTime();
            int valid = 0;
            for (int i = 0; i < opsPerRound; i++) {
                valid += verify(data, signature) ? 1 : 0;
            }
            verifyRounds.add((threads.getCurrentThreadCpuTime() - start) / 1000.0 / opsPerRound);
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) {
                reused.update(data);
                signature = reused.sign();
            }
            signReusedRounds.add((threads.getCurrentThreadCpuTime() - start) / 1000.0 / opsPerRound);
            valid -= verify(data, signature) ? 0 : 1;
            if (valid != opsPerRound) {
                throw new IllegalStateException("verification failed");
            }
        }
        return new Result(Stats.median(signRounds), Stats.median(verifyRounds), Stats.median(signReusedRounds),
                signRounds, verifyRounds, signReusedRounds, opsPerRound);
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ALGORITHM, provider);
        signer.initSign(privateKey);
        signer.update(data);
        return signer.sign();
    }

    private boolean verify(byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(ALGORITHM, provider);
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }
}
