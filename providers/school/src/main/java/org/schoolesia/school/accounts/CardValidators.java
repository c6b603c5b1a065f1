package org.schoolesia.school.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.schoolesia.school.kernel.PureRule;

/**
 * The validators a school card's attributes carry since issue 10 (defect 6), and which of them a realm
 * made by an earlier version still lacks. Each is added once: an admin who removes one afterwards keeps
 * it removed, and an attribute that already has a validator keeps the admin's settings for it.
 */
@PureRule
public final class CardValidators {

    /** The validator every earlier school profile has on {@code snils}: what tells a school card from any other profile. */
    static final String SCHOOL_CARD_MARK = "school-snils";

    /** Attribute → validator, in the order the profile lists them. */
    public static final Map<String, String> ADDED_IN_ISSUE_10 = plan();

    private CardValidators() {
    }

    private static Map<String, String> plan() {
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("lastName", "school-plain-name");
        plan.put("firstName", "school-plain-name");
        plan.put("middleName", "school-plain-name");
        plan.put("birthdate", "school-birthdate");
        return Collections.unmodifiableMap(plan);
    }

    /**
     * @param declared each attribute of the realm's user profile and the ids of its validators
     * @param addedBefore the validators this upgrade already added to the realm once
     * @return attribute → validator to add now, in profile order; nothing when the profile is not a school card
     */
    public static Map<String, String> missing(Map<String, Set<String>> declared, Set<String> addedBefore) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (!isSchoolCard(declared)) {
            return missing;
        }
        ADDED_IN_ISSUE_10.forEach((attribute, validator) -> {
            Set<String> validators = declared.get(attribute);
            if (validators != null && !validators.contains(validator) && !addedBefore.contains(validator)) {
                missing.put(attribute, validator);
            }
        });
        return missing;
    }

    /** What the realm remembers as added after the upgrade: every validator of the plan, present or not. */
    public static Set<String> addedAfter(Set<String> addedBefore) {
        Set<String> after = new LinkedHashSet<>(addedBefore);
        after.addAll(ADDED_IN_ISSUE_10.values());
        return after;
    }

    public static boolean isSchoolCard(Map<String, Set<String>> declared) {
        return declared.values().stream().anyMatch(v -> v.contains(SCHOOL_CARD_MARK));
    }
}
