package org.schoolesia.school.invitations;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.family.FamilyLink;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.family.LinkKind;
import org.schoolesia.school.family.LinkSource;
import org.schoolesia.school.link.EsiaLinks;
import org.schoolesia.school.web.Refused;

/**
 * R-FAM-2: a parent adds a child with the child's surname, first name and the invitation code
 * («Мои дети» → «Добавить ребенка»). In order: only a parent's own account (R-FAM-5), with a
 * confirmed Госуслуги link where the realm wants one; the code must read as a code; an attempt is
 * counted (per parent and per address, in the database) before the code is looked at; then one
 * answer for every reason the code does not give the child. The code is used by one conditional
 * update and the link made by the family links' single writer in the same transaction, so two
 * parents racing with one code end with one link.
 */
public final class ChildRedemption {

    /** The user attribute the ESIA mappers keep: whether Госуслуги says the account is confirmed (R-ESIA-4). */
    static final String ESIA_TRUSTED = "esiaTrusted";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InvitationSettings settings;

    public ChildRedemption(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.settings = InvitationSettings.of(realm::getAttribute);
    }

    /** The child given (or already the parent's), and whether this call linked it. */
    public record Redeemed(UserModel child, FamilyLink link, boolean created) {
    }

    /** Why this person cannot add children at all; empty for a parent who can. */
    public Optional<RedemptionRules.CallerRefusal> callerRefusal(UserModel person) {
        return RedemptionRules.caller(person.getFirstAttribute(SchoolAttributes.ROLE), settings.requireEsia(), confirmedEsia(person));
    }

    public Redeemed redeem(UserModel parent, String lastName, String firstName, String typedCode, String address) {
        Optional<RedemptionRules.CallerRefusal> refusal = callerRefusal(parent);
        if (refusal.isPresent()) {
            throw refusal.get() == RedemptionRules.CallerRefusal.NOT_A_PARENT
                    ? Refused.of(403, "not_a_parent", "schoolInvitationNotAParent")
                    : Refused.of(403, "esia_required", "schoolInvitationEsiaRequired");
        }
        if (blank(lastName) || blank(firstName) || blank(typedCode)) {
            throw Refused.of(400, "fields_required", "schoolInvitationFieldsRequired");
        }
        String code = InvitationCode.read(typedCode).orElseThrow(() -> Refused.of(400, "code_malformed", "schoolInvitationCodeMalformed"));
        RedemptionAttempts attempts = new RedemptionAttempts(session, realm, settings);
        List<String> taken = attempts.take(parent.getId(), address).orElse(null);
        if (taken == null) {
            InvitationAudit.refused(session, realm, parent, "limit", null, null);
            // The same whether the code is right or wrong: the limit answers before any code is looked at.
            throw Refused.of(429, "too_many_attempts", "schoolInvitationTooManyAttempts");
        }
        Redeemed redeemed = redeemCounted(parent, lastName, firstName, code);
        attempts.giveBack(taken);
        return redeemed;
    }

    private Redeemed redeemCounted(UserModel parent, String lastName, String firstName, String code) {
        EntityManager em = em();
        List<String> hashes = new CodeHasher(session, realm).hashesForLookup(code);
        InvitationCodeEntry row = hashes.isEmpty() ? null : em.createNamedQuery("InvitationCodeEntry.byHashes", InvitationCodeEntry.class)
                .setParameter("hashes", hashes).setParameter("realmId", realm.getId()).getResultStream().findFirst().orElse(null);
        if (row == null) {
            throw notAccepted(parent, "unknown", null, null);
        }
        UserModel child = session.users().getUserById(realm, row.getChildId());
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        OrganizationModel school = orgs.getById(row.getOrgId());
        long now = System.currentTimeMillis();
        boolean pupil = child != null && child.isEnabled() && People.hasRole(child, SchoolRole.STUDENT);
        boolean atSchool = pupil && school != null && People.isHome(school, child);
        RedemptionRules.CodeFacts facts = new RedemptionRules.CodeFacts(row.getUsedAt(), row.getExpiresAt(), pupil, atSchool,
                school != null && orgs.isMember(school, parent), child == null ? null : child.getLastName(),
                child == null ? null : child.getFirstName());
        if (!RedemptionRules.redeemable(facts, lastName, firstName, now)) {
            throw notAccepted(parent, reason(facts, lastName, firstName, now), row.getId(), row.getChildId());
        }
        FamilyLinks links = new FamilyLinks(session);
        Optional<FamilyLink> already = links.activePair(parent.getId(), child.getId());
        if (already.isPresent()) {
            // Their child already: the code stays unused for the other parent.
            return new Redeemed(child, already.get(), false);
        }
        int used = em.createNamedQuery("InvitationCodeEntry.redeem").setParameter("now", now).setParameter("parentId", parent.getId())
                .setParameter("id", row.getId()).executeUpdate();
        if (used != 1) {
            throw notAccepted(parent, "used", row.getId(), row.getChildId()); // another parent was a moment faster
        }
        FamilyLinks.Made made = links.linkWithCaller(realm, parent, child, LinkKind.PARENT, LinkSource.CODE, null);
        InvitationAudit.redeemed(session, realm, child, row.getId(), parent);
        return new Redeemed(child, made.link(), made.created());
    }

    /** The operator's reason; the parent gets one answer for all. */
    private static String reason(RedemptionRules.CodeFacts f, String lastName, String firstName, long now) {
        if (f.usedAt() != 0) {
            return "used";
        }
        if (now >= f.expiresAt()) {
            return "expired";
        }
        if (!f.childIsPupil()) {
            return "child_gone";
        }
        if (!f.childAtIssuingSchool() || !f.parentInThatSchool()) {
            return "other_school";
        }
        return "wrong_name";
    }

    private Refused notAccepted(UserModel parent, String reason, String codeId, String childId) {
        InvitationAudit.refused(session, realm, parent, reason, codeId, childId);
        return Refused.of(400, "invitation_not_accepted", "schoolInvitationNotAccepted");
    }

    /** Linked to a Госуслуги person (not merely authorised) that Госуслуги says is confirmed. */
    private boolean confirmedEsia(UserModel person) {
        Optional<EsiaLinks.Link> link = new EsiaLinks(session).linkOf(person);
        return link.isPresent() && !link.get().pending() && "true".equalsIgnoreCase(person.getFirstAttribute(ESIA_TRUSTED));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank() || s.length() > 200;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** A removed account's codes go with it; a removed realm's, all. */
    public static void forgetAccount(KeycloakSession session, String userId) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager().createNamedQuery("InvitationCodeEntry.deleteOfAccount")
                .setParameter("userId", userId).executeUpdate();
    }

    public static void forgetRealm(KeycloakSession session, String realmId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        em.createNamedQuery("InvitationCodeEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("InvitationAttemptEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
