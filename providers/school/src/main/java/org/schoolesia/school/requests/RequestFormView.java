package org.schoolesia.school.requests;

import java.util.List;

/**
 * What {@code school-esia-account.ftl} shows on the request form (page {@code request}, R-REQ-1):
 * the person as ESIA knows them, the choices offered and made, the typed comment. Plain getters,
 * as Keycloak's FreeMarker reads them; every value is escaped by the template.
 */
public final class RequestFormView {

    /** One choice of a select or a radio group. */
    public static final class Option {
        private final String value;
        private final String label;
        private final boolean selected;

        Option(String value, String label, boolean selected) {
            this.value = value;
            this.label = label;
            this.selected = selected;
        }

        public String getValue() {
            return value;
        }

        public String getLabel() {
            return label;
        }

        public boolean isSelected() {
            return selected;
        }
    }

    private final String fullName;
    private final String birthDate;
    private final String email;
    private final String role;
    private final boolean parent;
    private final List<Option> children;
    private final List<Option> types;
    private final List<Option> organisations;
    private final List<Option> classes;
    private final boolean typeChosen;
    private final boolean organisationChosen;
    private final String comment;
    private final boolean maySend;
    private final String directoryJson;
    private final String classesUrl;

    RequestFormView(String fullName, String birthDate, String email, String role, boolean parent, List<Option> children,
                    List<Option> types, List<Option> organisations, List<Option> classes, boolean typeChosen,
                    boolean organisationChosen, String comment, boolean maySend, String directoryJson, String classesUrl) {
        this.fullName = fullName;
        this.birthDate = birthDate;
        this.email = email;
        this.role = role;
        this.parent = parent;
        this.children = List.copyOf(children);
        this.types = List.copyOf(types);
        this.organisations = List.copyOf(organisations);
        this.classes = List.copyOf(classes);
        this.typeChosen = typeChosen;
        this.organisationChosen = organisationChosen;
        this.comment = comment;
        this.maySend = maySend;
        this.directoryJson = directoryJson;
        this.classesUrl = classesUrl;
    }

    public String getFullName() {
        return fullName;
    }

    /** dd.MM.yyyy, or empty when ESIA gave none. */
    public String getBirthDate() {
        return birthDate;
    }

    /** Empty when ESIA has no e-mail for the person. */
    public String getEmail() {
        return email;
    }

    /** parent, student or staff: message key suffix of {@code schoolEsiaRoleName}. */
    public String getRole() {
        return role;
    }

    public boolean isParent() {
        return parent;
    }

    /** A parent's children from ESIA: value the child's ESIA oid, label «Фамилия Имя Отчество, dd.MM.yyyy». */
    public List<Option> getChildren() {
        return children;
    }

    /** Organisation type codes (labels are the messages {@code schoolOrgType.<code>}). */
    public List<Option> getTypes() {
        return types;
    }

    /** The organisations of the chosen type; none until a type is chosen. */
    public List<Option> getOrganisations() {
        return organisations;
    }

    /** The chosen organisation's classes; none until an organisation is chosen, or when it has none. */
    public List<Option> getClasses() {
        return classes;
    }

    public boolean isTypeChosen() {
        return typeChosen;
    }

    public boolean isOrganisationChosen() {
        return organisationChosen;
    }

    public String getComment() {
        return comment;
    }

    public int getCommentMaxLength() {
        return RequestComment.MAX_LENGTH;
    }

    /** False for a parent ESIA lists no children for: the page explains and offers no «Отправить». */
    public boolean isMaySend() {
        return maySend;
    }

    /** The organisation directory for the page's script (same shape as the login cascade's); '<' escaped. */
    public String getDirectoryJson() {
        return directoryJson;
    }

    /** Where the script asks for an organisation's classes: append {@code <alias>/classes}. */
    public String getClassesUrl() {
        return classesUrl;
    }
}
