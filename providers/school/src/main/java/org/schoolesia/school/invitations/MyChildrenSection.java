package org.schoolesia.school.invitations;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.family.FamilyLink;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.family.proposals.ProposalStatus;
import org.schoolesia.school.family.proposals.Proposals;
import org.schoolesia.school.personal.Me;
import org.schoolesia.school.personal.StatelessSection;

/**
 * «Мои дети» on the person's own page (issue 12, R-FAM-1, R-FAM-2): a parent's linked children,
 * read from the family links on every call (a revoked link is gone at once), and whether the parent
 * may add a child with an invitation code («Добавить ребенка», {@code POST /me/children}). Pupils and
 * staff have no such section (R-FAM-5). No birth date, no SNILS.
 */
public final class MyChildrenSection extends StatelessSection {

    public static final String ID = "children";

    /** {@code kind}, {@code source}: the link's codes; {@code since} an instant (null for links carried over). */
    public record MyChild(String id, String lastName, String firstName, String middleName, OrganisationRef organization, String kind,
                          String source, String since) {
    }

    /**
     * «Найдены дети» (issue 12): a child of the parent's Госуслуги list that matched a pupil and awaits the
     * school's decision, named as Госуслуги names it — nothing the parent did not know already.
     */
    public record FoundChild(String id, String lastName, String firstName, String middleName) {
    }

    /** {@code addRefusalKey}: why «Добавить ребенка» is not offered (message key), null when it is. */
    public record MyChildren(List<MyChild> items, boolean mayAdd, String addRefusalKey, List<FoundChild> found) {
    }

    public MyChildrenSection() {
        super(ID, 40, "personal.children.title");
    }

    @Override
    public Optional<Object> content(Me me) {
        if (!People.hasRole(me.user(), SchoolRole.PARENT)) {
            return Optional.empty();
        }
        OrganizationProvider orgs = me.session().getProvider(OrganizationProvider.class);
        List<MyChild> children = new FamilyLinks(me.session()).activeOfParent(me.user().getId()).stream()
                .map(l -> child(me, orgs, l)).filter(Objects::nonNull)
                .sorted(Comparator.comparing((MyChild c) -> String.valueOf(c.lastName())).thenComparing(c -> String.valueOf(c.firstName())))
                .toList();
        Optional<RedemptionRules.CallerRefusal> refusal = new ChildRedemption(me.session(), me.realm()).callerRefusal(me.user());
        List<FoundChild> found = new Proposals(me.session()).ofParent(me.user().getId()).stream()
                .filter(p -> ProposalStatus.PROPOSED.code().equals(p.getStatus()))
                .map(p -> new FoundChild(p.getId(), p.getKidLastName(), p.getKidFirstName(), p.getKidMiddleName())).toList();
        return Optional.of(new MyChildren(children, refusal.isEmpty(),
                refusal.map(r -> r == RedemptionRules.CallerRefusal.ESIA_REQUIRED ? "personal.children.esiaRequired" : null).orElse(null),
                found));
    }

    private static MyChild child(Me me, OrganizationProvider orgs, FamilyLink link) {
        UserModel child = me.session().users().getUserById(me.realm(), link.childId());
        if (child == null) {
            return null;
        }
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null || orgs == null ? null : orgs.getByAlias(home);
        return new MyChild(child.getId(), child.getLastName(), child.getFirstName(), child.getFirstAttribute(SchoolAttributes.MIDDLE_NAME),
                home == null ? null : OrganisationRef.of(org, home), link.kind().code(), link.source().code(),
                link.createdAt() == null ? null : java.time.Instant.ofEpochMilli(link.createdAt()).toString());
    }
}
