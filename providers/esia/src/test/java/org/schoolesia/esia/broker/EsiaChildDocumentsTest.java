package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.schoolesia.esia.protocol.EsiaBirthCertificate;

/** Issue 14: a child's documents are read for the child a request names, once, and land in the login's list. */
class EsiaChildDocumentsTest {

    private static final String KIDS = "[{\"oid\":\"2001\",\"firstName\":\"Пётр\",\"documentsRead\":\"false\"},"
            + "{\"oid\":\"2002\",\"firstName\":\"Анна\",\"birthCertificate\":\"I-ЛО 123456\"},"
            + "{\"oid\":\"2003\",\"firstName\":\"Илья\"}]";

    @Test
    void onlyAChildMarkedUnreadIsRead() {
        assertTrue(EsiaChildDocuments.unread(KIDS, "2001"));
        assertTrue(EsiaChildDocuments.unread(KIDS, " 2001 "), "the form's value as typed");
        assertFalse(EsiaChildDocuments.unread(KIDS, "2002"), "read at an earlier login");
        assertFalse(EsiaChildDocuments.unread(KIDS, "2003"), "read, ESIA had none");
        assertFalse(EsiaChildDocuments.unread(KIDS, "2009"), "not this person's child");
        for (String nothing : new String[] {null, "", "not json", "{}"}) {
            assertFalse(EsiaChildDocuments.unread(nothing, "2001"), String.valueOf(nothing));
        }
        assertFalse(EsiaChildDocuments.unread(KIDS, null));
    }

    @Test
    void theCertificateReadReplacesTheMarkAndTheOtherChildrenStayAsTheyWere() throws Exception {
        JsonNode list = new ObjectMapper().readTree(EsiaChildDocuments.withDocuments(KIDS, "2001",
                Optional.of(new EsiaBirthCertificate("IV-МЮ", "700001", LocalDate.of(2014, 3, 4)))));
        assertEquals("IV-МЮ 700001", list.get(0).get("birthCertificate").asText());
        assertEquals("2014-03-04", list.get(0).get("birthCertificateIssued").asText());
        assertFalse(list.get(0).has("documentsRead"));
        assertEquals("Пётр", list.get(0).get("firstName").asText());
        assertEquals(new ObjectMapper().readTree(KIDS).get(1), list.get(1));
        assertEquals(new ObjectMapper().readTree(KIDS).get(2), list.get(2));
        assertFalse(EsiaChildDocuments.unread(list.toString(), "2001"), "read once");
    }

    @Test
    void aChildWithoutACertificateIsReadAllTheSame() throws Exception {
        JsonNode kid = new ObjectMapper().readTree(EsiaChildDocuments.withDocuments(KIDS, "2001", Optional.empty())).get(0);
        assertFalse(kid.has("birthCertificate") || kid.has("documentsRead"), kid.toString());
    }

    @Test
    void aCertificateWithoutSeriesOrDateKeepsWhatItHas() throws Exception {
        JsonNode kid = new ObjectMapper().readTree(EsiaChildDocuments.withDocuments(KIDS, "2001",
                Optional.of(new EsiaBirthCertificate(null, "700002", null)))).get(0);
        assertEquals("700002", kid.get("birthCertificate").asText());
        assertFalse(kid.has("birthCertificateIssued"));
    }
}
