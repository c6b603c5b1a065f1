package org.schoolesia.school.family;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.web.Paging;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * R-FAM-1, R-ODO-4 for staff: «Как проверить привязку родителя и ребенка» and «Как привязать родителя
 * к ребенку». Staff of any organisation the person belongs to see the links whose other side their
 * organisation knows too; only staff of the child's home organisation create and revoke. A person
 * outside the caller's organisation, an unknown id and a malformed one all look absent (404).
 */
public final class StaffFamilyLinks {

    /** How far back a person's history is read; a family has a handful of links. */
    private static final int HISTORY_LIMIT = Paging.MAX_FIRST + Paging.MAX_PAGE;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final FamilyLinks links;

    public StaffFamilyLinks(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.links = new FamilyLinks(session);
    }

    /** A page of the person's links, as child (a pupil) or as parent, active first. */
    public record Page(UserModel person, boolean asChild, boolean mayChange, long total, List<FamilyLink> items) {
    }

    public Page list(StaffMember staff, String personId, Paging paging) {
        UserModel person = person(staff, personId);
        boolean asChild = People.hasRole(person, SchoolRole.STUDENT);
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        // Defect 11 of issue 10: only what the caller's organisation knows; the rest of a family's life is not theirs to see.
        List<FamilyLink> visible = new FamilyHistory(session).history(person.getId(), asChild, 0, HISTORY_LIMIT).stream()
                .filter(l -> {
                    UserModel other = session.users().getUserById(realm, asChild ? l.parentId() : l.childId());
                    return other != null && orgs.isMember(staff.organisation(), other);
                }).toList();
        List<FamilyLink> page = visible.stream().skip(paging.first()).limit(paging.max()).toList();
        return new Page(person, asChild, asChild && People.isHome(staff.organisation(), person), visible.size(), page);
    }

    /** «Привязать родителя»: idempotent; of two staff members linking the pair at once, both get the one link. */
    public FamilyLinks.Made link(StaffMember staff, String childId, String parentId, LinkKind kind) {
        UserModel child = child(staff, childId);
        requireHome(staff, child);
        UserModel parent = parentId == null || parentId.isBlank() ? null : session.users().getUserById(realm, parentId.strip());
        if (parent == null || !People.hasRole(parent, SchoolRole.PARENT)
                || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), parent)) {
            throw Refused.of(404, "parent_not_found", "schoolFamilyParentNotFound");
        }
        return links.link(realm, parent, child, kind, LinkSource.STAFF, staff.user().getId());
    }

    /** «Отвязать»: the link stops granting from the next call on; its row stays as history. */
    public FamilyLinks.Made revoke(StaffMember staff, String childId, String linkId) {
        UserModel child = child(staff, childId);
        FamilyLink link = links.find(linkId).filter(l -> l.childId().equals(child.getId())).orElseThrow(Refused::notFound);
        requireHome(staff, child);
        return links.revoke(realm, link.id(), staff.user().getId()).orElseThrow(Refused::notFound);
    }

    /** Who a link names, for the answer: null when the account is gone. */
    public Optional<UserModel> account(String id) {
        return Optional.ofNullable(id == null ? null : session.users().getUserById(realm, id));
    }

    public String displayName(String userId) {
        UserModel u = account(userId).orElse(null);
        if (u == null) {
            return null;
        }
        String name = SnilsChildren.fullName(u);
        return name.isEmpty() ? u.getUsername() : name;
    }

    // ---------------------------------------------------------------------------------------------

    /** A parent or pupil of the caller's organisation; anyone else looks absent. */
    private UserModel person(StaffMember staff, String personId) {
        UserModel u = personId == null ? null : session.users().getUserById(realm, personId);
        if (u == null || !People.isPerson(u) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), u)) {
            throw Refused.notFound();
        }
        return u;
    }

    UserModel child(StaffMember staff, String childId) {
        UserModel child = person(staff, childId);
        if (!People.hasRole(child, SchoolRole.STUDENT)) {
            throw Refused.of(400, "not_a_child", "schoolFamilyNotAChild");
        }
        return child;
    }

    /** R-FAM-1: the child's home organisation keeps its family; the others see it, and whom to ask. */
    void requireHome(StaffMember staff, UserModel child) {
        if (People.isHome(staff.organisation(), child)) {
            return;
        }
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : session.getProvider(OrganizationProvider.class).getByAlias(home);
        throw Refused.of(403, "not_home_organization", "schoolFamilyNotHomeOrganization", org == null ? String.valueOf(home) : org.getName())
                .with("homeOrganization", OrganisationRef.of(org, home));
    }
}
