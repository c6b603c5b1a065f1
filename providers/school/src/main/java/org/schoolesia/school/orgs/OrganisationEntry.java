package org.schoolesia.school.orgs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated directory row: one organisation as it should be in the realm (R-ORG-1). */
public record OrganisationEntry(int row, String alias, String name, String fullName, OrganisationType type, String region,
                                String municipality, String settlement, String timeZone, List<String> classes, boolean enabled) {

    public OrganisationEntry {
        classes = List.copyOf(classes);
    }

    /** The organisation attributes this entry sets; other attributes of the organisation are left alone. */
    public Map<String, List<String>> attributes() {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put(OrganisationAttributes.REGION, List.of(region));
        attributes.put(OrganisationAttributes.MUNICIPALITY, List.of(municipality));
        attributes.put(OrganisationAttributes.SETTLEMENT, List.of(settlement));
        attributes.put(OrganisationAttributes.TYPE, List.of(type.code()));
        attributes.put(OrganisationAttributes.FULL_NAME, List.of(fullName));
        attributes.put(OrganisationAttributes.TIME_ZONE, List.of(timeZone));
        return attributes;
    }
}
