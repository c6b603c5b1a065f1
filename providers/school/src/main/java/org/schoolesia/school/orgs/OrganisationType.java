package org.schoolesia.school.orgs;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** R-ORG-1: «Тип ОО» as the login cascade and the directory name it. */
public enum OrganisationType {
    PRESCHOOL("preschool", "Дошкольная"),
    SCHOOL("school", "Общеобразовательная"),
    SUPPLEMENTARY("supplementary", "Дополнительное образование детей"),
    AUTHORITY("authority", "Управление образованием");

    private final String code;
    private final String label;

    OrganisationType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value stored in the organisation's {@code type} attribute. */
    public String code() {
        return code;
    }

    /** The Russian label users know. */
    public String label() {
        return label;
    }

    /** Accepts the code or the Russian label (imports carry either). */
    public static Optional<OrganisationType> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        return Arrays.stream(values()).filter(t -> t.code.equalsIgnoreCase(v) || t.label.equalsIgnoreCase(v)).findFirst();
    }

    /** For messages: {@code school («Общеобразовательная»), …}. */
    public static String describeAll() {
        return Arrays.stream(values()).map(t -> t.code + " («" + t.label + "»)").collect(Collectors.joining(", "));
    }
}
