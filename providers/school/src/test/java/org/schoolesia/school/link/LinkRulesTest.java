package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgePolicy;

/** The rules of every link (R-ESIA-2, R-ESIA-4, R-LINK-2, R-LINK-3, R-FAM-5). */
class LinkRulesTest {

    private static final Supplier<ZoneId> SAKHALIN = () -> ZoneId.of("Asia/Sakhalin");
    // 2026-11-22 12:00 UTC
    private final LinkRules rules = new LinkRules(new AgePolicy(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC)));

    private static EsiaPersonFacts mother(boolean trusted) {
        return new EsiaPersonFacts("1000000001", "Иванова", "Мария", "Петровна", LocalDate.parse("1986-03-14"), "11223344595", trusted);
    }

    private static AccountFacts parentAccount() {
        return new AccountFacts("p", SchoolRole.PARENT, "Иванова", "Мария", "Петровна", LocalDate.parse("1986-03-14"), "11223344595", "sosh-1-ys", true);
    }

    private static AccountFacts childAccount() {
        return new AccountFacts("c", SchoolRole.STUDENT, "Иванов", "Пётр", "Сергеевич", LocalDate.parse("2012-09-05"), "12345678964", "sosh-1-ys", true);
    }

    @Test
    void parentLinksToOwnAccount() {
        assertEquals(Optional.empty(), rules.check(mother(true), parentAccount(), SchoolRole.PARENT, null, SAKHALIN));
        assertEquals(Optional.empty(), rules.check(mother(true), parentAccount(), SchoolRole.PARENT, "1000000001", SAKHALIN),
                "already linked to the same person is fine");
    }

    @Test
    void parentsEsiaNeverEntersTheChildsAccount() {
        // R-LINK-3: with role "parent" the child's account has the wrong role; with role "student" the card contradicts ESIA.
        assertEquals(Optional.of(LinkRefusal.WRONG_ROLE), rules.check(mother(true), childAccount(), SchoolRole.PARENT, null, SAKHALIN));
        assertEquals(Optional.of(LinkRefusal.IDENTITY_MISMATCH), rules.check(mother(true), childAccount(), SchoolRole.STUDENT, null, SAKHALIN));
    }

    @Test
    void aMinorIsNoParent() {
        EsiaPersonFacts teen = new EsiaPersonFacts("1000000002", "Иванов", "Пётр", null, LocalDate.parse("2012-09-05"), null, true);
        AccountFacts parentCard = new AccountFacts("p", SchoolRole.PARENT, "Иванов", "Пётр", null, null, null, "sosh-1-ys", true);
        assertEquals(Optional.of(LinkRefusal.PARENT_NOT_ADULT), rules.check(teen, parentCard, SchoolRole.PARENT, null, SAKHALIN));
        EsiaPersonFacts unknownAge = new EsiaPersonFacts("1000000009", "Иванов", "Пётр", null, null, null, true);
        assertEquals(Optional.of(LinkRefusal.PARENT_NOT_ADULT), rules.check(unknownAge, parentCard, SchoolRole.PARENT, null, SAKHALIN));
    }

    @Test
    void adulthoodCountsInTheOrganisationsTimeZone() {
        // 18 on 2026-11-23: already the 23rd on Sakhalin (UTC+11) at 14:00 UTC, still the 22nd in Moscow.
        LinkRules at = new LinkRules(new AgePolicy(Clock.fixed(Instant.parse("2026-11-22T14:00:00Z"), ZoneOffset.UTC)));
        EsiaPersonFacts eighteen = new EsiaPersonFacts("1", "А", "Б", null, LocalDate.parse("2008-11-23"), null, true);
        AccountFacts card = new AccountFacts("p", SchoolRole.PARENT, "А", "Б", null, null, null, null, true);
        assertEquals(Optional.empty(), at.check(eighteen, card, SchoolRole.PARENT, null, SAKHALIN));
        assertEquals(Optional.of(LinkRefusal.PARENT_NOT_ADULT), at.check(eighteen, card, SchoolRole.PARENT, null, () -> ZoneId.of("Europe/Moscow")));
    }

    @Test
    void theOrganisationsZoneIsLookedUpOnlyWhenTheAgeDependsOnIt() {
        // Finding the zone is a query at every parent's first login (issue 14): a mother of forty needs none.
        AtomicInteger asked = new AtomicInteger();
        Supplier<ZoneId> counted = () -> {
            asked.incrementAndGet();
            return ZoneId.of("Asia/Sakhalin");
        };
        assertEquals(Optional.empty(), rules.check(mother(true), parentAccount(), SchoolRole.PARENT, null, counted));
        assertEquals(0, asked.get());
        // On the eve of the 18th birthday somewhere on Earth, the organisation's zone decides (R-AGE-1).
        LinkRules at = new LinkRules(new AgePolicy(Clock.fixed(Instant.parse("2026-11-22T14:00:00Z"), ZoneOffset.UTC)));
        EsiaPersonFacts eighteen = new EsiaPersonFacts("1", "А", "Б", null, LocalDate.parse("2008-11-23"), null, true);
        AccountFacts card = new AccountFacts("p", SchoolRole.PARENT, "А", "Б", null, null, null, null, true);
        assertEquals(Optional.empty(), at.check(eighteen, card, SchoolRole.PARENT, null, counted));
        assertEquals(1, asked.get());
    }

    @Test
    void otherRefusals() {
        assertEquals(Optional.of(LinkRefusal.LINKED_ELSEWHERE), rules.check(mother(true), parentAccount(), SchoolRole.PARENT, "1000000099", SAKHALIN));
        assertEquals(Optional.of(LinkRefusal.UNCONFIRMED_ESIA_ACCOUNT), rules.check(mother(false), parentAccount(), SchoolRole.PARENT, null, SAKHALIN));
        AccountFacts disabled = new AccountFacts("p", SchoolRole.PARENT, "Иванова", "Мария", null, null, null, null, false);
        assertEquals(Optional.of(LinkRefusal.ACCOUNT_DISABLED), rules.check(mother(true), disabled, SchoolRole.PARENT, null, SAKHALIN));
        AccountFacts noRole = new AccountFacts("p", null, "Иванова", "Мария", null, null, null, null, true);
        assertTrue(rules.check(mother(true), noRole, SchoolRole.PARENT, null, SAKHALIN).isPresent());
    }
}
