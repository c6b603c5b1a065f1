package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed demo keys and persons are consistent with each other and with ESIA's formats. */
class FixturesTest {

    static boolean snilsValid(String snils) {
        if (!snils.matches("\\d{3}-\\d{3}-\\d{3} \\d{2}")) {
            return false;
        }
        String digits = snils.replaceAll("\\D", "");
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (9 - i);
        }
        int check = sum < 100 ? sum : sum == 100 || sum == 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
        return check == Integer.parseInt(digits.substring(9));
    }

    @Test
    void personsHaveValidSnilsAndExpectedShape() {
        EmulatorConfig config = EmulatorConfig.load(TestEsiaClient.CONFIG);
        assertEquals(23, config.persons().size());
        for (ObjectNode p : config.persons()) {
            assertTrue(snilsValid(p.path("snils").asText()), p.toString());
            assertTrue(p.path("birthDate").asText().matches("\\d{2}\\.\\d{2}\\.\\d{4}"));
            assertTrue(p.path("level").asText().matches("PR|P|KD"));
            for (JsonNode k : p.path("kids")) {
                assertTrue(snilsValid(k.path("snils").asText()), k.toString());
                assertNotNull(config.person(k.path("oid").asText()), "each kid is also a person");
            }
        }
        assertEquals(2, config.person("1000000001").path("kids").size());
        assertEquals("KD", config.person("1000000005").path("level").asText());
        assertTrue(!config.person("1000000004").path("trusted").asBoolean());
        // Persons for issue 10 (defects 4 and 6): deleted, under verification, a 10 KB surname, born 2099.
        assertEquals("DELETED", config.person("1000000015").path("status").asText());
        assertEquals(config.person("1000000002").path("snils"), config.person("1000000015").path("snils"));
        assertTrue(config.person("1000000016").path("verifying").asBoolean());
        assertEquals(config.person("1000000009").path("snils"), config.person("1000000016").path("snils"));
        assertTrue(config.person("1000000017").path("lastName").asText().length() >= 10 * 1024);
        assertEquals("01.01.2099", config.person("1000000018").path("birthDate").asText());
        assertEquals("01.01.2099", config.person("1000000018").path("kids").get(0).path("birthDate").asText());
    }

    @Test
    void configResolvesSystemsAndKeys() {
        EmulatorConfig config = EmulatorConfig.load(TestEsiaClient.CONFIG);
        assertEquals("GOST3410_2012_256", config.system("SCHOOL-DEMO").tokenAlg());
        assertEquals("RS256", config.system("SCHOOL-DEMO-RSA").tokenAlg());
        assertEquals(64, config.system("SCHOOL-DEMO").certificateHash().length());
    }

    @Test
    void clientKeyFormsAgree() throws Exception {
        PrivateKey pem = Pem.readPrivateKey(TestEsiaClient.KEYS.resolve("client-gost.key.pem"));
        BigInteger d = ((ECPrivateKey) pem).getD();
        String hex = Files.readString(TestEsiaClient.KEYS.resolve("client-gost.rawkey.hex")).trim();
        assertEquals(64, hex.length());
        assertEquals(d, new BigInteger(hex, 16));
        KeyStore ks = KeyStore.getInstance("PKCS12", Crypto.BC);
        try (InputStream in = Files.newInputStream(TestEsiaClient.KEYS.resolve("client-gost.p12"))) {
            ks.load(in, "demo".toCharArray());
        }
        String alias = ks.aliases().nextElement();
        assertEquals(d, ((ECPrivateKey) ks.getKey(alias, "demo".toCharArray())).getD());
        assertEquals(Pem.readCertificate(TestEsiaClient.KEYS.resolve("client-gost.crt.pem")), ks.getCertificate(alias));
        assertEquals("GOST3411-2012-256WITHECGOST3410-2012-256",
                Pem.readCertificate(TestEsiaClient.KEYS.resolve("client-gost.crt.pem")).getSigAlgName().toUpperCase());
    }
}
