package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.schoolesia.esia.protocol.EsiaBirthCertificate;
import org.schoolesia.esia.protocol.EsiaIdToken;
import org.schoolesia.esia.protocol.EsiaPersonParser;

/** Defect 4 of issue 10: what later steps read about ESIA's account status and verification. */
class EsiaIdentityTest {

    private static final EsiaIdToken CONFIRMED = new EsiaIdToken("1000000015", true, "PR", Instant.now(),
            Instant.now().plusSeconds(3600), List.of("PWD"));

    private static Map<String, Object> contextData(String personJson) throws Exception {
        EsiaIdentityProviderConfig config = new EsiaIdentityProviderConfig();
        config.setEnabled(true);
        BrokeredIdentityContext context = EsiaIdentity.toContext(config, CONFIRMED,
                EsiaPersonParser.parse(personJson, null, null), Map.of());
        return context.getContextData();
    }

    @Test
    void statusTravelsUpperCaseAsReceived() throws Exception {
        Map<String, Object> data = contextData("{\"lastName\":\"Иванов\",\"trusted\":true,\"status\":\"DELETED\"}");
        assertEquals("DELETED", data.get(EsiaNotes.STATUS));
        assertEquals("true", data.get(EsiaNotes.TRUSTED), "deletion is the status's business, not trust's");
        assertFalse(data.containsKey(EsiaNotes.VERIFYING));
        assertFalse(contextData("{\"trusted\":true}").containsKey(EsiaNotes.STATUS));
    }

    @Test
    void aPersonUnderVerificationIsNotTrusted() throws Exception {
        Map<String, Object> data = contextData("{\"trusted\":true,\"verifying\":true,\"status\":\"REGISTERED\"}");
        assertEquals("false", data.get(EsiaNotes.TRUSTED));
        assertEquals("true", data.get(EsiaNotes.VERIFYING));
        assertEquals("REGISTERED", data.get(EsiaNotes.STATUS));
    }

    /** Issue 14: a child held from an earlier login keeps the stored certificate; a new child's comes from this login's call. */
    @Test
    void storedChildrenKeepTheirDocumentsAndANewChildGetsTheFetchedOne() throws Exception {
        StoredKids stored = StoredKids.parse("[{\"oid\":\"2001\",\"lastName\":\"Иванов\",\"birthCertificate\":\"I-ЛО 123456\","
                + "\"birthCertificateIssued\":\"2015-03-02\"},{\"oid\":\"2002\",\"lastName\":\"Иванова\"}]");
        assertTrue(stored.holds("2001") && stored.holds("2002"), "read at an earlier login, with or without a certificate");
        assertFalse(stored.holds("2003"));
        String kids = "{\"elements\":[" + kid("2001") + "," + kid("2002") + "," + kid("2003") + "]}";
        EsiaIdentityProviderConfig config = new EsiaIdentityProviderConfig();
        config.setEnabled(true);
        BrokeredIdentityContext context = EsiaIdentity.toContext(config, CONFIRMED,
                EsiaPersonParser.parse("{\"lastName\":\"Иванова\",\"trusted\":true}", null, kids),
                Map.of("2003", new EsiaBirthCertificate("II-ЛО", "654321", java.time.LocalDate.of(2019, 5, 6))), stored);
        JsonNode list = new ObjectMapper().readTree(context.getContextData().get(EsiaNotes.KIDS).toString());
        assertEquals("I-ЛО 123456", list.get(0).get("birthCertificate").asText());
        assertEquals("2015-03-02", list.get(0).get("birthCertificateIssued").asText());
        assertFalse(list.get(1).has("birthCertificate"), "ESIA had none for her: still none");
        assertEquals("II-ЛО 654321", list.get(2).get("birthCertificate").asText());
    }

    @Test
    void anUnreadableStoredListHoldsNothing() {
        for (String value : new String[] {null, "", "not json", "{}", "[{\"lastName\":\"no oid\"}]"}) {
            assertFalse(StoredKids.parse(value).holds("2001"), String.valueOf(value));
        }
    }

    private static String kid(String oid) {
        return "{\"id\":" + oid + ",\"lastName\":\"Иванов\",\"firstName\":\"Пётр\",\"birthDate\":\"01.02.2015\",\"gender\":\"M\"}";
    }
}
