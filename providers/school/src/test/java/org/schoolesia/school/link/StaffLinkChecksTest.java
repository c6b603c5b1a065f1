package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.link.EsiaLinks.Link;
import org.schoolesia.school.link.StaffLinkChecks.Access;
import org.schoolesia.school.link.StaffLinkChecks.CardField;
import org.schoolesia.school.link.StaffLinkChecks.Refusal;
import org.schoolesia.school.link.StaffLinkChecks.Status;

/** R-LINK-4: staff linking on the person's card — who first, then the card, then the links. */
class StaffLinkChecksTest {

    private static final String VALID_SNILS = "11223344595";
    private static final String OID = "1000000006";

    private static AccountFacts card(String id, SchoolRole role, String home, String last, String first, LocalDate birth, String snils) {
        return new AccountFacts(id, role, last, first, null, birth, snils, home, true);
    }

    private static AccountFacts maria() {
        return card("u-maria", SchoolRole.PARENT, "sosh-1-ys", "Иванова", "Мария", LocalDate.of(1986, 3, 14), VALID_SNILS);
    }

    private static Link linked(String oid) {
        return new Link("u-maria", oid, LinkMethod.STAFF, "staff-1", 1L);
    }

    private static Link pending() {
        return new Link("u-maria", null, LinkMethod.STAFF_CARD, "staff-1", 1L);
    }

    @Test
    void accessIsDecidedByMembershipThenHomeOrganisation() {
        assertEquals(Access.NOT_FOUND, Access.of(false, false));
        assertEquals(Access.NOT_FOUND, Access.of(false, true));
        assertEquals(Access.NOT_HOME_ORGANIZATION, Access.of(true, false));
        assertEquals(Access.ALLOWED, Access.of(true, true));
    }

    @Test
    void statusOfALink() {
        assertEquals(Status.NONE, Status.of(null));
        assertEquals(Status.PENDING, Status.of(pending()));
        assertEquals(Status.LINKED, Status.of(linked(OID)));
        assertEquals("none", Status.NONE.code());
        assertEquals("pending", Status.PENDING.code());
        assertEquals("linked", Status.LINKED.code());
    }

    @Test
    void r_link_4_aCompleteCardMissesNothing() {
        assertTrue(StaffLinkChecks.missing(maria()).isEmpty());
        // SNILS as people type it.
        assertTrue(StaffLinkChecks.missing(card("x", SchoolRole.PARENT, "o", "А", "Б", LocalDate.of(2000, 1, 1), "112-233-445 95")).isEmpty());
    }

    @Test
    void r_link_4_missingFieldsAreListedInTheMessagesOrder() {
        assertEquals(List.of(CardField.SNILS, CardField.BIRTHDATE),
                StaffLinkChecks.missing(card("x", SchoolRole.PARENT, "o", "Иванова", "Мария", null, null)));
        assertEquals(List.of(CardField.LAST_NAME, CardField.FIRST_NAME, CardField.SNILS, CardField.BIRTHDATE),
                StaffLinkChecks.missing(card("x", SchoolRole.PARENT, "o", " ", null, null, "  ")));
    }

    @Test
    void r_link_4_aMistypedSnilsIsNamedApart() {
        // Check number off by one.
        assertEquals(List.of(CardField.SNILS_INVALID),
                StaffLinkChecks.missing(card("x", SchoolRole.PARENT, "o", "Иванова", "Мария", LocalDate.of(1986, 3, 14), "11223344596")));
        assertEquals(List.of(CardField.SNILS_INVALID),
                StaffLinkChecks.missing(card("x", SchoolRole.PARENT, "o", "Иванова", "Мария", LocalDate.of(1986, 3, 14), "1122334459")));
        assertEquals("snils", CardField.SNILS_INVALID.attribute());
    }

    @Test
    void oidIsDigitsUpToTwenty() {
        assertTrue(StaffLinkChecks.validOid(OID));
        assertTrue(StaffLinkChecks.validOid("1"));
        assertTrue(StaffLinkChecks.validOid("12345678901234567890"));
        assertFalse(StaffLinkChecks.validOid("123456789012345678901"));
        assertFalse(StaffLinkChecks.validOid(""));
        assertFalse(StaffLinkChecks.validOid(null));
        assertFalse(StaffLinkChecks.validOid("10000 00006"));
        assertFalse(StaffLinkChecks.validOid("-1"));
        assertFalse(StaffLinkChecks.validOid("١٢٣")); // Arabic-Indic digits are digits to Character, not to ESIA
    }

    @Test
    void r_link_4_authoriseRefusesWhoBeforeWhat() {
        AccountFacts incomplete = card("x", SchoolRole.PARENT, "o", null, null, null, null);
        assertEquals(Optional.of(Refusal.NOT_FOUND), StaffLinkChecks.authorise(Access.NOT_FOUND, linked(OID), incomplete));
        assertEquals(Optional.of(Refusal.NOT_HOME_ORGANIZATION), StaffLinkChecks.authorise(Access.NOT_HOME_ORGANIZATION, null, incomplete));
        assertEquals(Optional.of(Refusal.ALREADY_LINKED), StaffLinkChecks.authorise(Access.ALLOWED, linked(OID), maria()));
        assertEquals(Optional.of(Refusal.ALREADY_PENDING), StaffLinkChecks.authorise(Access.ALLOWED, pending(), maria()));
        assertEquals(Optional.of(Refusal.CARD_INCOMPLETE), StaffLinkChecks.authorise(Access.ALLOWED, null, incomplete));
        assertEquals(Optional.empty(), StaffLinkChecks.authorise(Access.ALLOWED, null, maria()));
    }

    @Test
    void r_link_4_directLinkByOid() {
        AccountFacts maria = maria();
        assertEquals(Optional.empty(), StaffLinkChecks.link(Access.ALLOWED, OID, null, maria, List.of()));
        assertEquals(Optional.of(Refusal.NOT_FOUND), StaffLinkChecks.link(Access.NOT_FOUND, "bad", null, maria, List.of()));
        assertEquals(Optional.of(Refusal.NOT_HOME_ORGANIZATION), StaffLinkChecks.link(Access.NOT_HOME_ORGANIZATION, "bad", null, maria, List.of()));
        assertEquals(Optional.of(Refusal.INVALID_OID), StaffLinkChecks.link(Access.ALLOWED, "abc", null, maria, List.of()));
        assertEquals(Optional.of(Refusal.INVALID_OID), StaffLinkChecks.link(Access.ALLOWED, null, null, maria, List.of()));
    }

    @Test
    void r_link_4_anAccountHasOneEsiaPerson() {
        AccountFacts maria = maria();
        // The same oid again: nothing to do.
        assertEquals(Optional.empty(), StaffLinkChecks.link(Access.ALLOWED, OID, linked(OID), maria, List.of(maria)));
        assertEquals(Optional.of(Refusal.ALREADY_LINKED), StaffLinkChecks.link(Access.ALLOWED, "1000000007", linked(OID), maria, List.of()));
        assertEquals(Optional.of(Refusal.ALREADY_PENDING), StaffLinkChecks.link(Access.ALLOWED, OID, pending(), maria, List.of()));
    }

    @Test
    void r_link_4_anEsiaPersonHasOneAccountPerRoleAndHomeOrganisation() {
        AccountFacts maria = maria();
        AccountFacts sameRoleSameHome = card("u-other", SchoolRole.PARENT, "sosh-1-ys", "Иванова", "Мария", null, null);
        AccountFacts sameRoleOtherHome = card("u-ddut", SchoolRole.PARENT, "ddut-ys", "Иванова", "Мария", null, null);
        AccountFacts otherRoleSameHome = card("u-staff", SchoolRole.STAFF, "sosh-1-ys", "Иванова", "Мария", null, null);
        AccountFacts noRole = card("u-none", null, "sosh-1-ys", "Иванова", "Мария", null, null);
        assertEquals(Optional.of(Refusal.OID_TAKEN), StaffLinkChecks.link(Access.ALLOWED, OID, null, maria, List.of(sameRoleSameHome)));
        // A parent at two organisations, a parent who also works at the school: the login's role choice tells them apart.
        assertEquals(Optional.empty(), StaffLinkChecks.link(Access.ALLOWED, OID, null, maria,
                List.of(sameRoleOtherHome, otherRoleSameHome, noRole)));
    }

    @Test
    void r_link_4_unlinkNeedsSomethingToRemove() {
        assertEquals(Optional.of(Refusal.NOT_FOUND), StaffLinkChecks.unlink(Access.NOT_FOUND, linked(OID)));
        assertEquals(Optional.of(Refusal.NOT_HOME_ORGANIZATION), StaffLinkChecks.unlink(Access.NOT_HOME_ORGANIZATION, linked(OID)));
        assertEquals(Optional.of(Refusal.NOTHING_TO_REMOVE), StaffLinkChecks.unlink(Access.ALLOWED, null));
        assertEquals(Optional.empty(), StaffLinkChecks.unlink(Access.ALLOWED, linked(OID)));
        assertEquals(Optional.empty(), StaffLinkChecks.unlink(Access.ALLOWED, pending()));
    }

    @Test
    void everyRefusalAndFieldHasATextInBothLanguages() throws IOException {
        for (String language : List.of("ru", "en")) {
            Properties texts = new Properties();
            try (var in = StaffLinkChecksTest.class.getResourceAsStream("/theme-resources/messages/messages_" + language + ".properties")) {
                texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (Refusal r : Refusal.values()) {
                assertTrue(texts.containsKey(r.messageKey()), language + ": " + r.messageKey());
            }
            for (CardField f : CardField.values()) {
                assertTrue(texts.containsKey(f.messageKey()), language + ": " + f.messageKey());
            }
        }
    }
}
