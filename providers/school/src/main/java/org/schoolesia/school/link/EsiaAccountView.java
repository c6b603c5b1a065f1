package org.schoolesia.school.link;

import java.util.List;

/** What the template {@code school-esia-account.ftl} shows: the page (one per step of the ESIA first login), the role, the person as ESIA knows them. */
public final class EsiaAccountView {

    /** A plain bean: Keycloak's FreeMarker reads getters, not record accessors. */
    public static final class Account {
        private final String id;
        private final String username;
        private final String organisation;
        private final String role;

        public Account(String id, String username, String organisation, String role) {
            this.id = id;
            this.username = username;
            this.organisation = organisation;
            this.role = role;
        }

        public String getId() {
            return id;
        }

        public String getUsername() {
            return username;
        }

        public String getOrganisation() {
            return organisation;
        }

        public String getRole() {
            return role;
        }
    }

    private final String page;
    private final String role;
    private boolean selfLinkOpen;
    private final String fullName;
    private List<Account> accounts = List.of();
    private String username = "";

    public EsiaAccountView(String page, String role, EsiaPersonFacts person) {
        this.page = page;
        this.role = role;
        this.fullName = String.join(" ", java.util.stream.Stream.of(person.lastName(), person.firstName(), person.middleName())
                .filter(s -> s != null && !s.isBlank()).toList());
    }

    public String getPage() {
        return page;
    }

    public String getRole() {
        return role;
    }

    public boolean isSelfLinkOpen() {
        return selfLinkOpen;
    }

    public void setSelfLinkOpen(boolean selfLinkOpen) {
        this.selfLinkOpen = selfLinkOpen;
    }

    public String getFullName() {
        return fullName;
    }

    public List<Account> getAccounts() {
        return accounts;
    }

    void setAccounts(List<Account> accounts) {
        this.accounts = accounts;
    }

    public String getUsername() {
        return username;
    }

    void setUsername(String username) {
        this.username = username;
    }
}
