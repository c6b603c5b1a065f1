package org.schoolesia.school.orgs;

/**
 * Attributes of a Keycloak organisation that make it a school-system organisation (R-ORG-1).
 * The organisation's name is its short name («МАУДО ДДЮТ г.Южно-Сахалинск»); its alias is the
 * stable code other systems and imports refer to. Classes and groups are organisation groups.
 */
public final class OrganisationAttributes {

    public static final String REGION = "region";
    /** «Городской округ / муниципальный район». */
    public static final String MUNICIPALITY = "municipality";
    /** «Населённый пункт». */
    public static final String SETTLEMENT = "settlement";
    /** {@link OrganisationType#code()}. */
    public static final String TYPE = "type";
    public static final String FULL_NAME = "fullName";
    /** IANA zone id, e.g. Asia/Sakhalin: R-AGE-1 counts birthdays there. */
    public static final String TIME_ZONE = "timeZone";

    private OrganisationAttributes() {
    }
}
