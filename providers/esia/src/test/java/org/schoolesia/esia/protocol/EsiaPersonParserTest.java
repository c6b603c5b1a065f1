package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class EsiaPersonParserTest {

    private static final String PERSON = "{\"oid\":\"1000299353\",\"firstName\":\"Иван\",\"lastName\":\"Петров\","
            + "\"middleName\":\"Сергеевич\",\"birthDate\":\"03.04.1985\",\"birthPlace\":\"Москва\",\"gender\":\"M\","
            + "\"trusted\":true,\"citizenship\":\"RUS\",\"snils\":\"112-233-445 95\",\"inn\":\"500100732259\","
            + "\"status\":\"REGISTERED\",\"verifying\":false,\"eTag\":\"ABC\"}";

    private static final String CONTACTS = "{\"stateFacts\":[\"hasSize\"],\"size\":4,\"elements\":["
            + "{\"id\":1,\"type\":\"EML\",\"vrfStu\":\"NOT_VERIFIED\",\"value\":\"old@example.org\"},"
            + "{\"id\":2,\"type\":\"EML\",\"vrfStu\":\"VERIFIED\",\"value\":\"ivan@example.org\"},"
            + "{\"id\":3,\"type\":\"MBT\",\"vrfStu\":\"VERIFIED\",\"value\":\"+7(900)1234567\"},"
            + "{\"id\":4,\"type\":\"CEM\",\"vrfStu\":\"VERIFIED\",\"value\":\"work@example.org\"}]}";

    private static final String KIDS = "{\"size\":2,\"elements\":["
            + "{\"id\":501,\"firstName\":\"Анна\",\"lastName\":\"Петрова\",\"birthDate\":\"01.09.2015\","
            + "\"gender\":\"F\",\"snils\":\"920-000-100 00\"},"
            + "{\"id\":\"502\",\"firstName\":\"Пётр\",\"lastName\":\"Петров\",\"middleName\":\"Иванович\","
            + "\"birthDate\":\"12.12.2018\",\"gender\":\"M\",\"snils\":\"920-000-100 99\"}]}";

    @Test
    void readsAFullPerson() throws Exception {
        EsiaPerson p = EsiaPersonParser.parse(PERSON, CONTACTS, KIDS);
        assertEquals("1000299353", p.oid());
        assertEquals("Петров", p.lastName());
        assertEquals("Иван", p.firstName());
        assertEquals("Сергеевич", p.middleName());
        assertEquals(LocalDate.of(1985, 4, 3), p.birthDate());
        assertEquals("M", p.gender());
        assertTrue(p.trusted());
        assertEquals("RUS", p.citizenship());
        assertEquals(Snils.parse("11223344595"), p.snils());
        assertFalse(p.snilsInvalid());
        assertEquals("ivan@example.org", p.email());
        assertEquals("+7(900)1234567", p.mobile());
        assertEquals(2, p.kids().size());
        EsiaKid anna = p.kids().get(0);
        assertEquals("501", anna.oid());
        assertEquals("Анна", anna.firstName());
        assertEquals(LocalDate.of(2015, 9, 1), anna.birthDate());
        assertEquals("F", anna.gender());
        assertEquals("92000010000", anna.snils().digits());
        assertNull(anna.middleName());
        EsiaKid petr = p.kids().get(1);
        assertEquals("502", petr.oid());
        assertNull(petr.snils(), "a kid's invalid SNILS is dropped");
        assertFalse(p.toString().contains("Иван"), "toString must not carry personal data");
    }

    @Test
    void contactsAndKidsEmbeddedInThePersonAreReadAsFromCttsAndKids() throws Exception {
        String embedded = PERSON.substring(0, PERSON.length() - 1) + ",\"contacts\":" + CONTACTS + ",\"kids\":" + KIDS + "}";
        assertTrue(EsiaPersonParser.carries(embedded, "contacts"));
        assertTrue(EsiaPersonParser.carries(embedded, "kids"));
        EsiaPerson p = EsiaPersonParser.parse(embedded, null, null);
        assertEquals("ivan@example.org", p.email(), "the verified e-mail, not the unverified one before it");
        assertEquals("+7(900)1234567", p.mobile());
        assertEquals(List.of("501 Анна 2015-09-01", "502 Пётр 2018-12-12"),
                p.kids().stream().map(k -> k.oid() + " " + k.firstName() + " " + k.birthDate()).toList());

        // Links only (ESIA did not embed them) or no contacts at all: the client must ask /ctts.
        String links = PERSON.substring(0, PERSON.length() - 1)
                + ",\"contacts\":{\"size\":1,\"elements\":[\"https://esia.gosuslugi.ru/rs/prns/1/ctts/14\"]}}";
        assertFalse(EsiaPersonParser.carries(links, "contacts"));
        assertFalse(EsiaPersonParser.carries(PERSON, "contacts"));
        assertFalse(EsiaPersonParser.carries(embedded.replace("\"kids\"", "\"kidz\""), "kids"));
        assertNull(EsiaPersonParser.parse(links, null, null).email(), "links are no contacts, and no error either");
        // A /ctts answer wins over what the person document says.
        assertEquals("ivan@example.org", EsiaPersonParser.parse(links, CONTACTS, null).email());
    }

    @Test
    void unverifiedContactsAreNeverTaken() throws Exception {
        String contacts = "{\"size\":2,\"elements\":["
                + "{\"type\":\"EML\",\"vrfStu\":\"NOT_VERIFIED\",\"value\":\"a@example.org\"},"
                + "{\"type\":\"MBT\",\"vrfStu\":\"NOT_VERIFIED\",\"value\":\"+7(900)0000000\"}]}";
        EsiaPerson p = EsiaPersonParser.parse(PERSON, contacts, null);
        assertNull(p.email());
        assertNull(p.mobile());
        assertTrue(p.kids().isEmpty());
    }

    @Test
    void invalidSnilsIsFlaggedNotFatal() throws Exception {
        EsiaPerson p = EsiaPersonParser.parse(PERSON.replace("112-233-445 95", "112-233-445 96"), null, null);
        assertNull(p.snils());
        assertTrue(p.snilsInvalid());
    }

    @Test
    void numericOidAndAbsentOptionalFields() throws Exception {
        EsiaPerson p = EsiaPersonParser.parse("{\"oid\":1000299353,\"firstName\":\"Иван\"}", null, null);
        assertEquals("1000299353", p.oid());
        assertNull(p.birthDate());
        assertNull(p.snils());
        assertFalse(p.snilsInvalid());
        assertFalse(p.trusted());
        assertNull(p.gender());
    }

    @Test
    void malformedDocumentsNameTheFieldAndNeverEchoContent() {
        EsiaPersonException e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse("{\"oid\":1, \"lastName\": \"Петров", null, null));
        assertFalse(e.getMessage().contains("Петров"));
        e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse("{\"oid\":1,\"lastName\":{\"x\":\"Петров\"}}", null, null));
        assertTrue(e.getMessage().contains("'lastName'"), e.getMessage());
        assertFalse(e.getMessage().contains("Петров"));
        // ESIA's person document carries no oid: absent is normal, a wrong type is not.
        assertEquals(null, assertDoesNotThrow(() -> EsiaPersonParser.parse("{\"firstName\":\"Иван\"}", null, null)).oid());
        e = assertThrows(EsiaPersonException.class, () -> EsiaPersonParser.parse("{\"oid\":{\"x\":1}}", null, null));
        assertTrue(e.getMessage().contains("'oid'"), e.getMessage());
        e = assertThrows(EsiaPersonException.class, () -> EsiaPersonParser.parse("[1,2]", null, null));
        assertTrue(e.getMessage().contains("person"), e.getMessage());
        e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse("{\"oid\":1,\"birthDate\":\"1985-04-03\"}", null, null));
        assertTrue(e.getMessage().contains("'birthDate'"), e.getMessage());
        e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse("{\"oid\":1,\"trusted\":\"yes\"}", null, null));
        assertTrue(e.getMessage().contains("'trusted'"), e.getMessage());
        e = assertThrows(EsiaPersonException.class, () -> EsiaPersonParser.parse(PERSON, "{\"elements\":3}", null));
        assertTrue(e.getMessage().contains("contacts"), e.getMessage());
        e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse(PERSON, null, "{\"size\":1,\"elements\":[{\"firstName\":\"Анна\"}]}"));
        assertTrue(e.getMessage().contains("kid") && e.getMessage().contains("'id'"), e.getMessage());
    }

    @Test
    void collectionsWithoutEmbedSayHowToFixTheRequest() {
        EsiaPersonException e = assertThrows(EsiaPersonException.class, () -> EsiaPersonParser.parse(PERSON,
                "{\"size\":1,\"elements\":[\"https://esia.gosuslugi.ru/rs/prns/1/ctts/14\"]}", null));
        assertTrue(e.getMessage().contains("embed=(elements)"), e.getMessage());
    }

    @Test
    void childsBadBirthDateDoesNotStopTheParentsLogin() throws Exception {
        String kids = "{\"size\":1,\"elements\":[{\"id\":7,\"firstName\":\"Анна\",\"lastName\":\"Иванова\",\"birthDate\":\"31.02.2016\"}]}";
        EsiaPerson p = EsiaPersonParser.parse("{\"firstName\":\"Мария\"}", null, kids);
        assertEquals(1, p.kids().size());
        assertEquals(null, p.kids().get(0).birthDate());
        assertEquals("Анна", p.kids().get(0).firstName());
    }

    @Test
    void statusAndVerifyingAreRead() throws Exception {
        EsiaPerson p = EsiaPersonParser.parse(PERSON, null, null);
        assertEquals("REGISTERED", p.status());
        assertFalse(p.verifying());
        p = EsiaPersonParser.parse(PERSON.replace("\"REGISTERED\"", "\"deleted\"").replace("\"verifying\":false", "\"verifying\":true"), null, null);
        assertEquals("DELETED", p.status(), "upper case as ESIA means it");
        assertTrue(p.verifying());
        assertTrue(p.toString().contains("DELETED"));
        p = EsiaPersonParser.parse("{\"firstName\":\"Иван\"}", null, null);
        assertNull(p.status());
        assertFalse(p.verifying());
        EsiaPersonException e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse("{\"verifying\":\"yes\"}", null, null));
        assertTrue(e.getMessage().contains("'verifying'"), e.getMessage());
    }

    @Test
    void implausibleBirthDatesAreUnknownForPersonAndChildren() throws Exception {
        LocalDate today = LocalDate.of(2026, 12, 6);
        String kids = "{\"size\":2,\"elements\":[{\"id\":7,\"firstName\":\"Анна\",\"birthDate\":\"01.01.2099\"},"
                + "{\"id\":8,\"firstName\":\"Илья\",\"birthDate\":\"02.04.2015\"}]}";
        EsiaPerson p = EsiaPersonParser.parse("{\"birthDate\":\"01.01.2099\"}", null, kids, today);
        assertNull(p.birthDate());
        assertNull(p.kids().get(0).birthDate());
        assertEquals(LocalDate.of(2015, 4, 2), p.kids().get(1).birthDate());
        assertNull(EsiaPersonParser.parse("{\"birthDate\":\"01.01.1890\"}", null, null, today).birthDate());
    }

    @Test
    void overlongOrHiddenTextIsBoundedEverywhere() throws Exception {
        String longName = "Оченьдлиннаяфамилия".repeat(540);
        String contacts = "{\"elements\":[{\"type\":\"EML\",\"vrfStu\":\"VERIFIED\",\"value\":\"" + "a".repeat(300) + "@example.org\"},"
                + "{\"type\":\"MBT\",\"vrfStu\":\"VERIFIED\",\"value\":\"" + "9".repeat(100) + "\"}]}";
        String kids = "{\"elements\":[{\"id\":7,\"lastName\":\"" + longName + "\",\"firstName\":\"\u202EАнна\"}]}";
        EsiaPerson p = EsiaPersonParser.parse("{\"lastName\":\"" + longName + "\",\"firstName\":\"Ма\u200Bрия\",\"citizenship\":\""
                + "R".repeat(100) + "\",\"snils\":\"" + "1".repeat(5000) + "\"}", contacts, kids);
        assertEquals(EsiaText.NAME_MAX, p.lastName().length());
        assertEquals("Мария", p.firstName());
        assertNull(p.citizenship());
        assertNull(p.email());
        assertNull(p.mobile());
        assertNull(p.snils());
        assertTrue(p.snilsInvalid());
        assertEquals(EsiaText.NAME_MAX, p.kids().get(0).lastName().length());
        assertEquals("Анна", p.kids().get(0).firstName());
        EsiaPersonException e = assertThrows(EsiaPersonException.class,
                () -> EsiaPersonParser.parse("{}", null, "{\"elements\":[{\"id\":\"../../1\"}]}"));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    }

    @Test
    void childrenAreCappedAndBirthCertificatesBounded() throws Exception {
        StringBuilder kids = new StringBuilder("{\"elements\":[");
        for (int i = 0; i < 40; i++) {
            kids.append(i == 0 ? "" : ",").append("{\"id\":").append(100 + i).append("}");
        }
        assertEquals(EsiaPersonParser.MAX_KIDS, EsiaPersonParser.parse("{}", null, kids + "]}").kids().size());
        String doc = "{\"elements\":[{\"type\":\"BRTH_CERT\",\"series\":\"IV-МЮ\",\"number\":\"%s\",\"issueDate\":\"%s\"}]}";
        EsiaBirthCertificate certificate = EsiaPersonParser.birthCertificate(String.format(doc, "123456", "01.01.2099")).orElseThrow();
        assertEquals("123456", certificate.number());
        assertNull(certificate.issueDate(), "an issue date in the future is unknown");
        assertTrue(EsiaPersonParser.birthCertificate(String.format(doc, "1".repeat(5000), "01.02.2016")).isEmpty());
    }
}
