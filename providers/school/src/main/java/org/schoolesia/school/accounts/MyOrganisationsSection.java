package org.schoolesia.school.accounts;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.orgs.OrganisationClasses;
import org.schoolesia.school.orgs.OrganisationAttributes;
import org.schoolesia.school.orgs.OrganisationType;
import org.schoolesia.school.personal.Me;
import org.schoolesia.school.personal.StatelessSection;

/**
 * «Мои организации» on the person's own page (issue 11): the organisations the caller belongs to
 * (Keycloak's membership: the home organisation that created the account, R-ORG-3, and those that
 * enrolled them, R-ODO-1), the caller's role and staff positions, and their class there (the
 * organisation groups they are in). Home organisation first, then by name.
 */
public final class MyOrganisationsSection extends StatelessSection {

    public static final String ID = "organisations";
    private static final Collator RUSSIAN = Collator.getInstance(Locale.forLanguageTag("ru"));

    /** {@code type} an organisation type code; {@code home}: the organisation that created the account and issues its credentials. */
    public record MyOrganisation(String alias, String name, String type, boolean home, String role, List<String> positions,
                                 List<String> classes) {
    }

    public record MyOrganisations(List<MyOrganisation> items) {
    }

    public MyOrganisationsSection() {
        super(ID, 30, "personal.organisations.title");
    }

    @Override
    public Optional<Object> content(Me me) {
        OrganizationProvider orgs = me.session().getProvider(OrganizationProvider.class);
        if (orgs == null || !orgs.isEnabled()) {
            return Optional.of(new MyOrganisations(List.of()));
        }
        UserModel user = me.user();
        String role = SchoolRole.of(user.getFirstAttribute(SchoolAttributes.ROLE)).map(SchoolRole::code).orElse(null);
        List<String> positions = user.getAttributeStream(SchoolAttributes.STAFF_POSITION).toList();
        List<MyOrganisation> items = orgs.getByMember(user).filter(OrganizationModel::isEnabled)
                .map(org -> new MyOrganisation(org.getAlias(), org.getName(),
                        OrganisationType.of(People.attribute(org, OrganisationAttributes.TYPE)).map(OrganisationType::code).orElse(null),
                        People.isHome(org, user), role, positions,
                        classes(me, orgs, org, user)))
                .sorted(Comparator.comparing((MyOrganisation o) -> !o.home()).thenComparing(MyOrganisation::name, RUSSIAN))
                .toList();
        return Optional.of(new MyOrganisations(items));
    }

    /** Organisation groups are not among the user's realm groups: asked of the organisation, in school order. */
    private static List<String> classes(Me me, OrganizationProvider orgs, OrganizationModel org, UserModel user) {
        Set<String> mine = orgs.getOrganizationGroupsByMember(org, user).map(GroupModel::getId).collect(Collectors.toSet());
        return mine.isEmpty() ? List.of()
                : OrganisationClasses.of(me.session(), org).stream().filter(g -> mine.contains(g.getId())).map(GroupModel::getName).toList();
    }
}
