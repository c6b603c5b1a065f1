package org.schoolesia.school.link;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.web.Localised;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.web.StaffMember;
import org.schoolesia.school.link.EsiaLinks.Link;
import org.schoolesia.school.link.StaffLinkChecks.Access;
import org.schoolesia.school.link.StaffLinkChecks.Refusal;
import org.schoolesia.school.link.StaffLinkChecks.Status;

/**
 * R-LINK-4 on a person's card: a staff member of the person's home organisation sees the ESIA link,
 * authorises the person's next ESIA login to link, links a known oid or unlinks. Membership, home
 * organisation and links come from the database, never from the request; every change is an audit
 * event ({@link LinkAudit}) with the staff member as actor.
 */
public final class StaffLinking {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EsiaLinks links;

    public StaffLinking(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.links = new EsiaLinks(session);
    }

    /**
     * The link as the card shows it. The oid and who linked only to the home organisation's staff,
     * who may change it; the other organisations of a member see the status.
     */
    public record View(Status status, LinkMethod method, Instant since, String esiaOid, String linkedBy) {
    }

    public View view(StaffMember staff, String personId) {
        UserModel person = person(staff, personId);
        return view(staff, person);
    }

    /** For the card of a person already known to be a member of the staff member's organisation. */
    public View view(StaffMember staff, UserModel person) {
        Link link = links.linkOf(person).orElse(null);
        if (link == null) {
            return new View(Status.NONE, null, null, null, null);
        }
        boolean home = People.isHome(staff.organisation(), person);
        return new View(Status.of(link), link.method(), link.createdAt() > 0 ? Instant.ofEpochMilli(link.createdAt()) : null,
                home ? link.esiaOid() : null, home ? displayName(link.actorId()) : null);
    }

    /** «Разрешить привязку». */
    public View authorise(StaffMember staff, String personId) {
        UserModel person = person(staff, personId);
        AccountFacts card = AccountFacts.of(person);
        Link existing = links.linkOf(person).orElse(null);
        Optional<Refusal> refusal = StaffLinkChecks.authorise(access(staff, person), existing, card);
        if (refusal.isPresent()) {
            throw refused(refusal.get(), person, card);
        }
        if (!links.authorise(realm, person, staff.user().getId())) {
            throw refused(Refusal.ALREADY_PENDING, person, card);
        }
        LinkAudit.authorised(event(staff), person, staff.user().getId());
        return view(staff, person);
    }

    /** A known oid, typed by the staff member. */
    public View link(StaffMember staff, String personId, String oid) {
        UserModel person = person(staff, personId);
        AccountFacts target = AccountFacts.of(person);
        Access access = access(staff, person);
        Link existing = links.linkOf(person).orElse(null);
        List<AccountFacts> holders = access == Access.ALLOWED && StaffLinkChecks.validOid(oid)
                ? links.accountsOf(realm, oid).stream().map(AccountFacts::of).toList() : List.of();
        Optional<Refusal> refusal = StaffLinkChecks.link(access, oid, existing, target, holders);
        if (refusal.isPresent()) {
            throw refused(refusal.get(), person, target);
        }
        if (existing != null) {
            return view(staff, person); // the same oid: nothing to do, nothing to audit
        }
        switch (links.link(realm, person, oid, LinkMethod.STAFF, staff.user().getId())) {
            case LINKED -> LinkAudit.linked(event(staff), person, oid, maskedSnils(target.snils()), LinkMethod.STAFF, staff.user().getId());
            case ALREADY_LINKED -> {
                // Someone else linked the same oid a moment earlier: the wanted state, already audited.
            }
            case LINKED_ELSEWHERE -> throw refused(Refusal.ALREADY_LINKED, person, target);
        }
        return view(staff, person);
    }

    /** «Отвязать», or cancels an authorisation still waiting for the person's login. */
    public View unlink(StaffMember staff, String personId) {
        UserModel person = person(staff, personId);
        Link existing = links.linkOf(person).orElse(null);
        Optional<Refusal> refusal = StaffLinkChecks.unlink(access(staff, person), existing);
        if (refusal.isPresent()) {
            throw refused(refusal.get(), person, null);
        }
        Link removed = links.unlink(realm, person).orElse(existing);
        LinkAudit.unlinked(event(staff), person, removed, staff.user().getId());
        return new View(Status.NONE, null, null, null, null);
    }

    // ---------------------------------------------------------------------------------------------

    /** A parent or student of the staff member's organisation; anything else looks absent. */
    private UserModel person(StaffMember staff, String personId) {
        UserModel u = personId == null ? null : session.users().getUserById(realm, personId);
        if (u == null || !People.isPerson(u) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), u)) {
            throw Refused.notFound();
        }
        return u;
    }

    private static Access access(StaffMember staff, UserModel person) {
        return Access.of(true, People.isHome(staff.organisation(), person));
    }

    private Refused refused(Refusal refusal, UserModel person, AccountFacts card) {
        return switch (refusal) {
            case NOT_FOUND -> Refused.notFound();
            case NOT_HOME_ORGANIZATION -> {
                String home = person.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
                OrganizationModel org = home == null ? null : session.getProvider(OrganizationProvider.class).getByAlias(home);
                yield Refused.of(refusal.status(), refusal.code(), refusal.messageKey(), org == null ? String.valueOf(home) : org.getName())
                        .with("homeOrganization", OrganisationRef.of(org, home));
            }
            case CARD_INCOMPLETE -> {
                List<StaffLinkChecks.CardField> missing = StaffLinkChecks.missing(card);
                // «Заполните в карточке: СНИЛС, дата рождения»: the field names in the caller's language.
                Localised fields = messages -> missing.stream().map(f -> messages.text(f.messageKey())).collect(Collectors.joining(", "));
                yield Refused.of(refusal.status(), refusal.code(), refusal.messageKey(), fields)
                        .with("missing", missing.stream().map(StaffLinkChecks.CardField::attribute).distinct().toList());
            }
            default -> Refused.of(refusal.status(), refusal.code(), refusal.messageKey());
        };
    }

    private EventBuilder event(StaffMember staff) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .client(staff.client())
                .detail("organization", staff.alias());
    }

    private String displayName(String userId) {
        UserModel actor = userId == null ? null : session.users().getUserById(realm, userId);
        if (actor == null) {
            return null;
        }
        String name = Stream.of(actor.getLastName(), actor.getFirstName(), actor.getFirstAttribute(SchoolAttributes.MIDDLE_NAME))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
        return name.isEmpty() ? actor.getUsername() : name;
    }

    private static String maskedSnils(String value) {
        try {
            return value == null ? null : EsiaPersonFacts.mask(Snils.parse(value).digits());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
