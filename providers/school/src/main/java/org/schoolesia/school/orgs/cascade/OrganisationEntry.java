package org.schoolesia.school.orgs.cascade;

/**
 * One organisation as the login cascade shows it (R-ORG-2): where it is, its type code and its
 * short name. Built from a Keycloak organisation and its attributes; pure data.
 */
public record OrganisationEntry(String alias, String name, String region, String municipality, String settlement, String type) {

    public OrganisationEntry {
        alias = clean(alias);
        name = clean(name);
        region = clean(region);
        municipality = clean(municipality);
        settlement = clean(settlement);
        type = clean(type);
    }

    /** The value of one cascade level. */
    String at(CascadeLevel level) {
        return switch (level) {
            case REGION -> region;
            case MUNICIPALITY -> municipality;
            case SETTLEMENT -> settlement;
            case TYPE -> type;
            case ORGANISATION -> alias;
        };
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }
}
