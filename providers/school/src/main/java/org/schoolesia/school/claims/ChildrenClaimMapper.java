package org.schoolesia.school.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.family.FamilyLinks;

/**
 * {@code school_children} (R-FAM-1): for a parent, the children of active links — each its account id
 * ({@code id}, the child's {@code sub} in this realm, opaque) and name ({@code family_name},
 * {@code given_name}, {@code middle_name} when there is one), nothing more (no SNILS, birth date or
 * class: 152-FZ minimisation). A parent without linked children gets {@code []}; other persons no
 * claim. Read from the links table on every token, so a revoked link is gone from the next token.
 */
public final class ChildrenClaimMapper extends SchoolClaimMapper {

    public static final String ID = "school-children-claim";
    public static final String CLAIM = "school_children";

    public ChildrenClaimMapper() {
        super(ID, "School: linked children",
                "Claim school_children for parents: [{id, family_name, given_name, middle_name}] of the active parent–child links; [] when none.", CLAIM);
    }

    @Override
    protected Object value(PersonFacts person) {
        if (SchoolRole.of(person.attribute(SchoolAttributes.ROLE)).orElse(null) != SchoolRole.PARENT) {
            return null;
        }
        return claims(person.children());
    }

    static Map<String, Object> claim(FamilyLinks.NamedChild child) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("id", child.id());
        claim.put("family_name", child.lastName());
        claim.put("given_name", child.firstName());
        if (child.middleName() != null && !child.middleName().isBlank()) {
            claim.put("middle_name", child.middleName());
        }
        return claim;
    }

    static List<Map<String, Object>> claims(List<FamilyLinks.NamedChild> children) {
        return children.stream().map(ChildrenClaimMapper::claim).toList();
    }
}
