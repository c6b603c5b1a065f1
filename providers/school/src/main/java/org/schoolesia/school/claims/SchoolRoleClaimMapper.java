package org.schoolesia.school.claims;

import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;

/** {@code school_role}: {@code parent}, {@code student} or {@code staff} (R-ESIA-2's roles); absent for other accounts. */
public final class SchoolRoleClaimMapper extends SchoolClaimMapper {

    public static final String ID = "school-role-claim";
    public static final String CLAIM = "school_role";

    public SchoolRoleClaimMapper() {
        super(ID, "School: role",
                "Claim school_role: parent, student or staff; absent for accounts without a school role.", CLAIM);
    }

    @Override
    protected Object value(PersonFacts person) {
        return SchoolRole.of(person.attribute(SchoolAttributes.ROLE)).map(SchoolRole::code).orElse(null);
    }
}
