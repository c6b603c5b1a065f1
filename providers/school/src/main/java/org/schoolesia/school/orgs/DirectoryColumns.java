package org.schoolesia.school.orgs;

import java.util.List;
import java.util.Set;

/** Column (CSV) and field (JSON) names of an organisation directory (R-ORG-1). */
public final class DirectoryColumns {

    public static final String ALIAS = "alias";
    public static final String NAME = "name";
    public static final String FULL_NAME = OrganisationAttributes.FULL_NAME;
    public static final String TYPE = OrganisationAttributes.TYPE;
    public static final String REGION = OrganisationAttributes.REGION;
    public static final String MUNICIPALITY = OrganisationAttributes.MUNICIPALITY;
    public static final String SETTLEMENT = OrganisationAttributes.SETTLEMENT;
    public static final String TIME_ZONE = OrganisationAttributes.TIME_ZONE;
    public static final String CLASSES = "classes";
    public static final String ENABLED = "enabled";

    /** Text columns every row must fill. */
    public static final List<String> REQUIRED = List.of(ALIAS, NAME, FULL_NAME, TYPE, REGION, MUNICIPALITY, SETTLEMENT, TIME_ZONE);
    public static final Set<String> ALL = Set.of(ALIAS, NAME, FULL_NAME, TYPE, REGION, MUNICIPALITY, SETTLEMENT, TIME_ZONE, CLASSES, ENABLED);

    private DirectoryColumns() {
    }
}
