package org.schoolesia.school.orgs.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the login template renders for the cascade: each select with its options and choice, and
 * the directory for the page's script. Plain getters, as FreeMarker reads them.
 */
public final class OrganisationCascadeView {

    private final List<Level> levels = new ArrayList<>();
    private final String directoryJson;
    private final List<String> typeCodes;

    public OrganisationCascadeView(OrganisationDirectory directory, CascadeSelection selection) {
        for (CascadeLevel level : CascadeLevel.values()) {
            List<Option> options = new ArrayList<>();
            if (level == CascadeLevel.ORGANISATION) {
                directory.organisations(selection).forEach(e -> options.add(new Option(e.alias(), e.name())));
            } else {
                directory.options(level, selection).forEach(v -> options.add(new Option(v, v)));
            }
            levels.add(new Level(level, options, selection.get(level)));
        }
        this.directoryJson = directory.toJson();
        this.typeCodes = directory.typeCodes();
    }

    public List<Level> getLevels() {
        return levels;
    }

    public String getDirectoryJson() {
        return directoryJson;
    }

    /** Type codes the page needs labels for (message keys {@code schoolOrgType.<code>}). */
    public List<String> getTypeCodes() {
        return typeCodes;
    }

    public String getSelectedOrganisation() {
        return levels.get(CascadeLevel.ORGANISATION.ordinal()).getSelected();
    }

    /** One select. */
    public static final class Level {
        private final CascadeLevel level;
        private final List<Option> options;
        private final String selected;

        Level(CascadeLevel level, List<Option> options, String selected) {
            this.level = level;
            this.options = List.copyOf(options);
            this.selected = selected;
        }

        /** The form field's name, also the select's id. */
        public String getField() {
            return level.field();
        }

        /** region, municipality, settlement, type or organisation: the label's message key suffix. */
        public String getName() {
            return level.name().toLowerCase(Locale.ROOT);
        }

        public List<Option> getOptions() {
            return options;
        }

        public String getSelected() {
            return selected;
        }

        /** The chosen option's label (an organisation's full name), or "" when the level is open. */
        public String getSelectedLabel() {
            return options.stream().filter(o -> o.getValue().equals(selected)).map(Option::getLabel).findFirst().orElse("");
        }

        /**
         * Chosen because it is the only option, not by the person: the page says so, and the
         * script drops such a choice when a level above it changes (R-ORG-2).
         */
        public boolean isAutomatic() {
            return !selected.isEmpty() && options.size() == 1 && options.get(0).getValue().equals(selected);
        }
    }

    /** One option of a select. */
    public static final class Option {
        private final String value;
        private final String label;

        Option(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String getValue() {
            return value;
        }

        public String getLabel() {
            return label;
        }
    }
}
