package org.schoolesia.school.requests;

import java.util.function.Function;

import org.schoolesia.school.orgs.cascade.CascadeLevel;

/**
 * What a person chose or typed on the request form (R-REQ-1): organisation type, organisation,
 * class, child and comment. Nothing else is read from the form: who the person is comes from ESIA.
 * Values are kept as typed (trimmed, bounded) so the form can be shown again without losing them;
 * whether they name anything is checked by {@link RequestForm}.
 */
public record RequestChoices(String type, String organisation, String schoolClass, String child, String comment) {

    /** The form's field names; type and organisation as on the password login's cascade. */
    public static final String TYPE = CascadeLevel.TYPE.field();
    public static final String ORGANISATION = CascadeLevel.ORGANISATION.field();
    public static final String CLASS = "schoolClass";
    public static final String CHILD = "child";
    public static final String COMMENT = "comment";

    public static final RequestChoices NONE = new RequestChoices("", "", "", "", "");

    /** Longer choices name nothing anyway; a comment is kept far beyond its limit so the person can shorten it. */
    static final int MAX_CHOICE = 255;
    static final int MAX_KEPT_COMMENT = 20_000;

    public RequestChoices {
        type = bounded(type, MAX_CHOICE, true);
        organisation = bounded(organisation, MAX_CHOICE, true);
        schoolClass = bounded(schoolClass, MAX_CHOICE, true);
        child = bounded(child, MAX_CHOICE, true);
        comment = bounded(comment, MAX_KEPT_COMMENT, false);
    }

    public static RequestChoices from(Function<String, String> field) {
        return new RequestChoices(field.apply(TYPE), field.apply(ORGANISATION), field.apply(CLASS), field.apply(CHILD),
                field.apply(COMMENT));
    }

    private static String bounded(String value, int max, boolean trim) {
        if (value == null) {
            return "";
        }
        String v = trim ? value.trim() : value;
        return v.length() > max ? v.substring(0, max) : v;
    }
}
