package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class EsiaBirthCertificateTest {

    @Test
    void birthCertificateIsPickedAmongTheChildsDocuments() throws Exception {
        String docs = """
                {"stateFacts":["hasSize"],"size":2,"elements":[
                  {"id":1,"type":"MDCL_PLCY","number":"123"},
                  {"id":2,"type":"BRTH_CERT","series":"IV-МЮ","number":"654321","issueDate":"03.07.2016"}]}""";
        EsiaBirthCertificate certificate = EsiaPersonParser.birthCertificate(docs).orElseThrow();
        assertEquals("IV-МЮ", certificate.series());
        assertEquals("654321", certificate.number());
        assertEquals(LocalDate.of(2016, 7, 3), certificate.issueDate());
        assertTrue(!certificate.toString().contains("654321"), "numbers stay out of logs");
    }

    @Test
    void noCertificateAndBrokenDocumentsAreTold() throws Exception {
        assertTrue(EsiaPersonParser.birthCertificate("{\"size\":0,\"elements\":[]}").isEmpty());
        assertThrows(EsiaPersonException.class, () -> EsiaPersonParser.birthCertificate("{\"elements\":[\"/rs/prns/1/docs/2\"]}"));
        assertThrows(EsiaPersonException.class, () -> EsiaPersonParser.birthCertificate("not json"));
    }
}
