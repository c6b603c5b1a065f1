package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.schoolesia.esia.broker.EsiaNotes;

class DeletedEsiaAccountTest {

    @Test
    void defect4_onlyTheStatusDeletedRefuses() {
        assertTrue(DeletedEsiaAccount.is(Map.of(EsiaNotes.STATUS, "DELETED")));
        assertTrue(DeletedEsiaAccount.is(Map.of(EsiaNotes.STATUS, " deleted ")), "whatever the case ESIA uses");
        assertFalse(DeletedEsiaAccount.is(Map.of(EsiaNotes.STATUS, "REGISTERED")));
        assertFalse(DeletedEsiaAccount.is(Map.of(EsiaNotes.TRUSTED, "true")), "no status: nothing to refuse");
        assertFalse(DeletedEsiaAccount.is(null));
    }
}
