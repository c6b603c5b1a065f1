package org.schoolesia.school.requests;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.schoolesia.esia.broker.EsiaNotes;
import org.schoolesia.school.link.EsiaKids;

/**
 * The children ESIA listed for a parent (/kids), as the ESIA provider left them in the brokered
 * context ({@link EsiaNotes#KIDS}): the «Ребенок» choices of the request form (R-REQ-1). The list
 * is complete only when the login read the children ({@link EsiaNotes#KIDS_READ}); otherwise it is
 * treated as empty. Pure: no Keycloak.
 */
public final class EsiaChildren {

    private final List<AccessRequest.Child> children;
    private final boolean read;

    private EsiaChildren(List<AccessRequest.Child> children, boolean read) {
        this.children = List.copyOf(children);
        this.read = read;
    }

    public static EsiaChildren from(Map<String, ?> contextData) {
        boolean read = "true".equals(text(contextData, EsiaNotes.KIDS_READ));
        return new EsiaChildren(read ? parse(text(contextData, EsiaNotes.KIDS)) : List.of(), read);
    }

    /** The children in ESIA's order; entries without an oid are left out (nothing could name them). */
    static List<AccessRequest.Child> parse(String json) {
        return EsiaKids.parse(json).stream().map(k -> new AccessRequest.Child(k.oid(), k.lastName(), k.firstName(), k.middleName(),
                k.birthDate(), k.snils(), k.birthCertificate())).toList();
    }

    public List<AccessRequest.Child> all() {
        return children;
    }

    /** Whether this login asked ESIA for the children at all (a parent's login does). */
    public boolean read() {
        return read;
    }

    public Optional<AccessRequest.Child> byOid(String oid) {
        return oid == null ? Optional.empty() : children.stream().filter(c -> c.esiaOid().equals(oid.trim())).findFirst();
    }

    private static String text(Map<String, ?> data, String key) {
        Object value = data == null ? null : data.get(key);
        return value == null ? null : value.toString();
    }
}
