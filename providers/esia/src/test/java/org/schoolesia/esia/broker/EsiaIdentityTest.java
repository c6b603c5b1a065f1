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
                EsiaPersonParser.parse(personJson, null, null));
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

    /**
     * Issue 14: a login reads no documents. A child held from an earlier login keeps the stored certificate; a child
     * new to the list is marked unread, and a list stored with that mark holds the child not.
     */
    @Test
    void storedChildrenKeepTheirDocumentsAndANewChildIsMarkedUnread() throws Exception {
        StoredKids stored = StoredKids.parse("[{\"oid\":\"2001\",\"lastName\":\"Иванов\",\"birthCertificate\":\"I-ЛО 123456\","
                + "\"birthCertificateIssued\":\"2015-03-02\"},{\"oid\":\"2002\",\"lastName\":\"Иванова\"},"
                + "{\"oid\":\"2004\",\"documentsRead\":\"false\"}]");
        assertTrue(stored.holds("2001") && stored.holds("2002"), "read at an earlier login, with or without a certificate");
        assertFalse(stored.holds("2003"));
        assertFalse(stored.holds("2004"), "listed, but no login read its documents");
        String kids = "{\"elements\":[" + kid("2001") + "," + kid("2002") + "," + kid("2003") + "," + kid("2004") + "]}";
        JsonNode list = kidsOf(kids, stored, "openid kid_fullname kid_birth_cert_doc");
        assertEquals("I-ЛО 123456", list.get(0).get("birthCertificate").asText());
        assertEquals("2015-03-02", list.get(0).get("birthCertificateIssued").asText());
        assertFalse(list.get(0).has("documentsRead"));
        assertFalse(list.get(1).has("birthCertificate") || list.get(1).has("documentsRead"), "ESIA had none for her: still none");
        assertEquals("false", list.get(2).get("documentsRead").asText());
        assertFalse(list.get(2).has("birthCertificate"));
        assertEquals("false", list.get(3).get("documentsRead").asText());
        // A system that may not read documents marks nothing: there is nothing to read later.
        assertFalse(kidsOf(kids, StoredKids.NONE, "openid kid_fullname").get(2).has("documentsRead"));
    }

    private static JsonNode kidsOf(String kids, StoredKids stored, String scopes) throws Exception {
        EsiaIdentityProviderConfig config = new EsiaIdentityProviderConfig();
        config.setEnabled(true);
        config.getConfig().put("defaultScope", scopes);
        BrokeredIdentityContext context = EsiaIdentity.toContext(config, CONFIRMED,
                EsiaPersonParser.parse("{\"lastName\":\"Иванова\",\"trusted\":true}", null, kids), stored);
        return new ObjectMapper().readTree(context.getContextData().get(EsiaNotes.KIDS).toString());
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
