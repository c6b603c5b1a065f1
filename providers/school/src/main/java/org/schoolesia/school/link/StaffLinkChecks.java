package org.schoolesia.school.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.link.EsiaLinks.Link;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-LINK-4: when a staff member may link an ESIA person to an account, or authorise the person's
 * next ESIA login to do it, and in which order refusals come: who the account is first (absent,
 * another home organisation), then what was asked. No Keycloak state here: the caller reads the
 * account, its link and the oid's other accounts and acts only on an empty answer.
 */
@PureRule
public final class StaffLinkChecks {

    /** ESIA oids are decimal numbers; 20 digits leave room to spare. */
    public static final int MAX_OID_LENGTH = 20;
    private static final Pattern OID = Pattern.compile("[0-9]{1," + MAX_OID_LENGTH + "}");

    /** Whether the staff member may see or change the account at all. */
    public enum Access {
        /** Not a parent or student of the staff member's organisation: looks absent (404). */
        NOT_FOUND,
        /** A member whose account another organisation created: that one links (403, named). */
        NOT_HOME_ORGANIZATION,
        ALLOWED;

        public static Access of(boolean personOfStaffOrganisation, boolean homeIsStaffOrganisation) {
            return !personOfStaffOrganisation ? NOT_FOUND : homeIsStaffOrganisation ? ALLOWED : NOT_HOME_ORGANIZATION;
        }
    }

    public enum Status {
        NONE("none"), PENDING("pending"), LINKED("linked");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Status of(Link link) {
            return link == null ? NONE : link.pending() ? PENDING : LINKED;
        }
    }

    /** What the card must carry before the person's own ESIA login may complete the link. */
    public enum CardField {
        LAST_NAME("lastName", "schoolEsiaLinkFieldLastName"),
        FIRST_NAME("firstName", "schoolEsiaLinkFieldFirstName"),
        SNILS("snils", "schoolEsiaLinkFieldSnils"),
        /** Present but not a valid SNILS (characters, length, check number). */
        SNILS_INVALID("snils", "schoolEsiaLinkFieldSnilsInvalid"),
        BIRTHDATE("birthdate", "schoolEsiaLinkFieldBirthdate");

        private final String attribute;
        private final String messageKey;

        CardField(String attribute, String messageKey) {
            this.attribute = attribute;
            this.messageKey = messageKey;
        }

        /** The card's field as the API names it. */
        public String attribute() {
            return attribute;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    public enum Refusal {
        NOT_FOUND(404, "not_found", "schoolStaffNotFound"),
        NOT_HOME_ORGANIZATION(403, "not_home_organization", "schoolEsiaLinkNotHomeOrganization"),
        INVALID_OID(400, "invalid_esia_oid", "schoolEsiaLinkInvalidOid"),
        CARD_INCOMPLETE(422, "card_incomplete", "schoolEsiaLinkCardIncomplete"),
        ALREADY_LINKED(409, "already_linked", "schoolEsiaLinkAlreadyLinked"),
        ALREADY_PENDING(409, "already_pending", "schoolEsiaLinkAlreadyPending"),
        /** The ESIA person already holds another account of the same role in the same home organisation. */
        OID_TAKEN(409, "esia_oid_taken", "schoolEsiaLinkOidTaken"),
        NOTHING_TO_REMOVE(404, "not_linked", "schoolEsiaLinkNothingToRemove");

        private final int status;
        private final String code;
        private final String messageKey;

        Refusal(int status, String code, String messageKey) {
            this.status = status;
            this.code = code;
            this.messageKey = messageKey;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private StaffLinkChecks() {
    }

    /** R-LINK-4: surname, first name, a valid SNILS and the birth date, in the order the message lists them. */
    public static List<CardField> missing(AccountFacts card) {
        List<CardField> missing = new ArrayList<>();
        if (blank(card.lastName())) {
            missing.add(CardField.LAST_NAME);
        }
        if (blank(card.firstName())) {
            missing.add(CardField.FIRST_NAME);
        }
        if (blank(card.snils())) {
            missing.add(CardField.SNILS);
        } else if (!validSnils(card.snils())) {
            missing.add(CardField.SNILS_INVALID);
        }
        if (card.birthDate() == null) {
            missing.add(CardField.BIRTHDATE);
        }
        return missing;
    }

    public static boolean validOid(String oid) {
        return oid != null && OID.matcher(oid).matches();
    }

    /** «Разрешить привязку»: the person's next confirmed ESIA login with matching SNILS, name and birth date links. */
    public static Optional<Refusal> authorise(Access access, Link existing, AccountFacts card) {
        Optional<Refusal> who = access(access);
        if (who.isPresent()) {
            return who;
        }
        if (existing != null) {
            return Optional.of(existing.pending() ? Refusal.ALREADY_PENDING : Refusal.ALREADY_LINKED);
        }
        return missing(card).isEmpty() ? Optional.empty() : Optional.of(Refusal.CARD_INCOMPLETE);
    }

    /**
     * A known oid linked directly. The same oid again is no refusal (nothing to do); an account
     * linked to another person, or waiting for one, must be unlinked first.
     *
     * @param holders the accounts the oid is linked to now (the target among them or not)
     */
    public static Optional<Refusal> link(Access access, String oid, Link existing, AccountFacts target, List<AccountFacts> holders) {
        Optional<Refusal> who = access(access);
        if (who.isPresent()) {
            return who;
        }
        if (!validOid(oid)) {
            return Optional.of(Refusal.INVALID_OID);
        }
        if (existing != null) {
            if (existing.pending()) {
                return Optional.of(Refusal.ALREADY_PENDING);
            }
            return oid.equals(existing.esiaOid()) ? Optional.empty() : Optional.of(Refusal.ALREADY_LINKED);
        }
        if (!missing(target).isEmpty()) {
            // The card is what each ESIA login is checked against: without it a mistyped oid would let a stranger in.
            return Optional.of(Refusal.CARD_INCOMPLETE);
        }
        boolean taken = holders.stream().anyMatch(h -> !h.userId().equals(target.userId())
                && h.role() != null && h.role() == target.role()
                && h.homeOrganisation() != null && h.homeOrganisation().equals(target.homeOrganisation()));
        return taken ? Optional.of(Refusal.OID_TAKEN) : Optional.empty();
    }

    /** «Отвязать»: a link or a pending authorisation. */
    public static Optional<Refusal> unlink(Access access, Link existing) {
        Optional<Refusal> who = access(access);
        if (who.isPresent()) {
            return who;
        }
        return existing == null ? Optional.of(Refusal.NOTHING_TO_REMOVE) : Optional.empty();
    }

    private static Optional<Refusal> access(Access access) {
        return switch (access) {
            case NOT_FOUND -> Optional.of(Refusal.NOT_FOUND);
            case NOT_HOME_ORGANIZATION -> Optional.of(Refusal.NOT_HOME_ORGANIZATION);
            case ALLOWED -> Optional.empty();
        };
    }

    private static boolean validSnils(String value) {
        try {
            Snils.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
