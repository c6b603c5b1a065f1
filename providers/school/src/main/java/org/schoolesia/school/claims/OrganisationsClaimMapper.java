package org.schoolesia.school.claims;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.OrganizationModel;

/**
 * {@code school_organizations}: {@code home} — the organisation that created the account (R-ORG-3),
 * {@code {alias, name}}, the name only while the person is still its member — and {@code member_of},
 * every enabled organisation the person is a member of (R-ODO-2: a pupil of school № 1 who attends
 * the ДДЮТ is a member of both). Aliases are the organisations' stable ids. Absent when the person
 * has neither.
 */
public final class OrganisationsClaimMapper extends SchoolClaimMapper {

    public static final String ID = "school-organizations-claim";
    public static final String CLAIM = "school_organizations";

    public OrganisationsClaimMapper() {
        super(ID, "School: home organisation and memberships",
                "Claim school_organizations: {home: {alias, name}, member_of: [{alias, name}]}.", CLAIM);
    }

    @Override
    protected Object value(PersonFacts person) {
        String homeAlias = person.homeAlias();
        if ((homeAlias == null || homeAlias.isBlank()) && person.memberships().isEmpty()) {
            return null;
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        if (homeAlias != null && !homeAlias.isBlank()) {
            Map<String, Object> home = new LinkedHashMap<>();
            home.put("alias", homeAlias);
            person.home().ifPresent(o -> home.put("name", o.getName()));
            claim.put("home", home);
        }
        claim.put("member_of", person.memberships().stream().map(OrganisationsClaimMapper::organisation).toList());
        return claim;
    }

    private static Map<String, Object> organisation(OrganizationModel organisation) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("alias", organisation.getAlias());
        claim.put("name", organisation.getName());
        return claim;
    }
}
