package org.schoolesia.school.claims;

/** {@code esia_trust_level}: {@link TrustLevel} of the person's Госуслуги account; absent if never signed in through it. */
public final class EsiaTrustClaimMapper extends SchoolClaimMapper {

    public static final String ID = "school-esia-trust-claim";
    public static final String CLAIM = "esia_trust_level";
    /** User attributes written by the ESIA provider's mappers («confirmed account», «level»). */
    static final String TRUSTED_ATTRIBUTE = "esiaTrusted";
    static final String LEVEL_ATTRIBUTE = "esiaLevel";

    public EsiaTrustClaimMapper() {
        super(ID, "School: Госуслуги trust level",
                "Claim esia_trust_level: confirmed, unconfirmed or child_account, as Госуслуги last said; "
                        + "absent if the person never signed in through Госуслуги.", CLAIM);
    }

    @Override
    protected Object value(PersonFacts person) {
        return TrustLevel.of(person.attribute(TRUSTED_ATTRIBUTE), person.attribute(LEVEL_ATTRIBUTE)).map(TrustLevel::code).orElse(null);
    }
}
