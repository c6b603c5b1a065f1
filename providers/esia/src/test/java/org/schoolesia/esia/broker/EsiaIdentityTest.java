package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.BrokeredIdentityContext;
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
}
