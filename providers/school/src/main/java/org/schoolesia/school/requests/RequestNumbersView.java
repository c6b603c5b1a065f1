package org.schoolesia.school.requests;

import java.util.List;

/**
 * What the pages after a filing show (R-REQ-2): {@code sent} — the request just filed, or the
 * pending one to the same organisation it turned out to be; {@code pending} — every request of the
 * person still waiting; on the not-found page, the person's latest rejection. Plain getters for FreeMarker.
 */
public final class RequestNumbersView {

    /** One request: its number and the organisation's name. */
    public static final class Entry {
        private final String number;
        private final String organisation;

        Entry(String number, String organisation) {
            this.number = number;
            this.organisation = organisation;
        }

        public String getNumber() {
            return number;
        }

        public String getOrganisation() {
            return organisation;
        }
    }

    private final List<Entry> requests;
    private final boolean created;
    private final String comment;

    RequestNumbersView(List<Entry> requests, boolean created) {
        this(requests, created, null);
    }

    RequestNumbersView(List<Entry> requests, boolean created, String comment) {
        this.requests = List.copyOf(requests);
        this.created = created;
        this.comment = comment == null ? "" : comment;
    }

    /** A rejection's staff comment (plain text, escaped by the page); empty otherwise. */
    public String getComment() {
        return comment;
    }

    public List<Entry> getRequests() {
        return requests;
    }

    /** The first (on page {@code sent}, the only) request. */
    public Entry getRequest() {
        return requests.isEmpty() ? null : requests.get(0);
    }

    /** Page {@code sent}: false when the person's pending request to that organisation was given back. */
    public boolean isCreated() {
        return created;
    }
}
