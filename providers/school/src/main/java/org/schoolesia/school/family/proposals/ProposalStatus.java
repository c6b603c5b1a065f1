package org.schoolesia.school.family.proposals;

import org.schoolesia.school.kernel.PureRule;

/** Where a proposal stands: made at a parent's login, decided once by staff of the pupil's home organisation. */
@PureRule
public enum ProposalStatus {
    PROPOSED("proposed"), CONFIRMED("confirmed"), DISMISSED("dismissed");

    private final String code;

    ProposalStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
