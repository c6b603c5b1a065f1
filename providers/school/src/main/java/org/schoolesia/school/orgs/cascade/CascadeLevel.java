package org.schoolesia.school.orgs.cascade;

/**
 * The selects of the password login page, top to bottom (R-ORG-2): Регион → Городской округ /
 * муниципальный район → Населённый пункт → Тип ОО → Образовательная организация.
 * {@link #field()} is the form field's name.
 */
public enum CascadeLevel {
    REGION("schoolRegion"),
    MUNICIPALITY("schoolMunicipality"),
    SETTLEMENT("schoolSettlement"),
    TYPE("schoolType"),
    ORGANISATION("organization");

    private final String field;

    CascadeLevel(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
