package org.schoolesia.school.family.proposals;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;
import org.schoolesia.school.link.PersonMatch;

/**
 * Issue 12, «Children from Госуслуги» (R-FAM-1, R-REQ-1): which pupil of the realm, if any, a child
 * on the parent's Госуслуги list ({@code /kids}) is. By SNILS when a pupil carries the kid's SNILS;
 * else by full name and birth date when nothing contradicts (both SNILS known and different). One
 * pupil or none: two equally good pupils are an ambiguity nobody is shown, and a pair linked now or
 * once (a revoked link is a staff decision) proposes nothing.
 */
@PureRule
public final class ChildMatch {

    /** What the match rests on; stored with the proposal so staff see why. */
    public enum Basis {
        SNILS("snils"), NAME_BIRTHDATE("name-birthdate");

        private final String code;

        Basis(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A child as Госуслуги lists it; SNILS as eleven digits or null. */
    public record Kid(String lastName, String firstName, String middleName, LocalDate birthDate, String snils) {
    }

    /** A pupil account of the realm; {@code linkedOnce}: the pair has an active or a revoked link. */
    public record Pupil(String id, String lastName, String firstName, String middleName, LocalDate birthDate, String snils,
                        boolean linkedOnce) {
    }

    public record Match(String pupilId, Basis basis) {
    }

    private ChildMatch() {
    }

    /**
     * @param candidates the pupils found by the kid's SNILS and by its name and birth date (in any
     *                   order; the same pupil may come twice)
     */
    public static Optional<Match> match(Kid kid, List<Pupil> candidates) {
        Map<String, Pupil> byId = new LinkedHashMap<>();
        candidates.stream().filter(Objects::nonNull).forEach(p -> byId.putIfAbsent(p.id(), p));
        List<Pupil> distinct = List.copyOf(byId.values());
        List<Pupil> bySnils = kid.snils() == null ? List.of() : distinct.stream().filter(p -> kid.snils().equals(p.snils())).toList();
        Optional<Match> found;
        Pupil pupil;
        if (!bySnils.isEmpty()) {
            if (bySnils.size() > 1) {
                return Optional.empty();
            }
            pupil = bySnils.get(0);
            found = Optional.of(new Match(pupil.id(), Basis.SNILS));
        } else {
            List<Pupil> byName = distinct.stream().filter(p -> sameNameAndBirthDate(kid, p) && !contradicts(kid, p)).toList();
            if (byName.size() != 1) {
                return Optional.empty();
            }
            pupil = byName.get(0);
            found = Optional.of(new Match(pupil.id(), Basis.NAME_BIRTHDATE));
        }
        return pupil.linkedOnce() ? Optional.empty() : found;
    }

    /** Surname, first name and birth date equal (case, ё/е, spaces aside); middle names count only when both have one. */
    static boolean sameNameAndBirthDate(Kid kid, Pupil p) {
        String last = PersonMatch.fold(kid.lastName());
        String first = PersonMatch.fold(kid.firstName());
        if (last.isEmpty() || first.isEmpty() || kid.birthDate() == null) {
            return false;
        }
        String kidMiddle = PersonMatch.fold(kid.middleName());
        String pupilMiddle = PersonMatch.fold(p.middleName());
        return last.equals(PersonMatch.fold(p.lastName())) && first.equals(PersonMatch.fold(p.firstName()))
                && (kidMiddle.isEmpty() || pupilMiddle.isEmpty() || kidMiddle.equals(pupilMiddle))
                && kid.birthDate().equals(p.birthDate());
    }

    /** Both carry a SNILS and they differ: another child of the same name and birthday. */
    static boolean contradicts(Kid kid, Pupil p) {
        return kid.snils() != null && p.snils() != null && !kid.snils().equals(p.snils());
    }
}
