package org.schoolesia.school.orgs.cascade;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.schoolesia.school.kernel.PureRule;

/**
 * What is chosen on each level of the cascade; an empty string means "nothing chosen".
 * Immutable.
 */
@PureRule
public final class CascadeSelection {

    public static final CascadeSelection NONE = new CascadeSelection(new EnumMap<>(CascadeLevel.class));

    private final Map<CascadeLevel, String> values;

    private CascadeSelection(Map<CascadeLevel, String> values) {
        this.values = values;
    }

    /** Reads the levels from whatever holds form values (a form map, a test's map). */
    public static CascadeSelection from(Function<String, String> fieldValue) {
        EnumMap<CascadeLevel, String> values = new EnumMap<>(CascadeLevel.class);
        for (CascadeLevel level : CascadeLevel.values()) {
            String value = fieldValue.apply(level.field());
            if (value != null && !value.isBlank()) {
                values.put(level, value.trim());
            }
        }
        return new CascadeSelection(values);
    }

    public static CascadeSelection of(OrganisationEntry entry) {
        EnumMap<CascadeLevel, String> values = new EnumMap<>(CascadeLevel.class);
        for (CascadeLevel level : CascadeLevel.values()) {
            values.put(level, entry.at(level));
        }
        return new CascadeSelection(values);
    }

    public CascadeSelection with(CascadeLevel level, String value) {
        EnumMap<CascadeLevel, String> copy = new EnumMap<>(CascadeLevel.class);
        copy.putAll(values);
        if (value == null || value.isBlank()) {
            copy.remove(level);
        } else {
            copy.put(level, value.trim());
        }
        return new CascadeSelection(copy);
    }

    /** The chosen value, or "" when the level is open. */
    public String get(CascadeLevel level) {
        return values.getOrDefault(level, "");
    }

    public boolean isChosen(CascadeLevel level) {
        return values.containsKey(level);
    }

    public String organisation() {
        return get(CascadeLevel.ORGANISATION);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CascadeSelection other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
