package org.schoolesia.school.orgs;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * The classes («Класс») of an organisation, R-ORG-1: the top-level groups of the Keycloak
 * organisation. Offered on the request form (R-REQ-1) and by {@link OrganisationClassesResource} in school order: «1А, 2Б, 10А, 11А», then
 * groups without a number («Старшая группа»).
 */
public final class OrganisationClasses {

    /** More top-level groups than any school has classes; a bound, not a page. */
    public static final int MAX = 500;

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d{1,6})(.*)$", Pattern.DOTALL);

    /** RuleBasedCollator's compare is synchronised: one instance serves every thread. */
    private static final Collator RUSSIAN = Collator.getInstance(Locale.forLanguageTag("ru"));

    public static final Comparator<String> SCHOOL_ORDER = (a, b) -> {
        Collator collator = RUSSIAN;
        Matcher ma = LEADING_NUMBER.matcher(a);
        Matcher mb = LEADING_NUMBER.matcher(b);
        boolean na = ma.matches();
        boolean nb = mb.matches();
        if (na && nb) {
            int byNumber = Integer.compare(Integer.parseInt(ma.group(1)), Integer.parseInt(mb.group(1)));
            return byNumber != 0 ? byNumber : collator.compare(ma.group(2).trim(), mb.group(2).trim());
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return collator.compare(a, b);
    };

    private OrganisationClasses() {
    }

    /** The organisation's classes in school order; none when organisations are off. */
    public static List<GroupModel> of(KeycloakSession session, OrganizationModel organisation) {
        OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
        if (organisations == null || !organisations.isEnabled() || organisation == null) {
            return List.of();
        }
        return organisations.getTopLevelGroups(organisation, 0, MAX)
                .filter(g -> g.getName() != null && !g.getName().isBlank())
                .sorted(Comparator.comparing(GroupModel::getName, SCHOOL_ORDER))
                .toList();
    }

    /** One of the organisation's classes by id; anything else (another organisation's group, any realm group) is absent. */
    public static Optional<GroupModel> find(List<GroupModel> classes, String id) {
        return id == null || id.isBlank() ? Optional.empty() : classes.stream().filter(g -> g.getId().equals(id.trim())).findFirst();
    }
}
