package org.schoolesia.school.requests;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.schoolesia.esia.broker.EsiaNotes;
import org.schoolesia.school.kernel.PersonFields;

/**
 * The children ESIA listed for a parent (/kids), as the ESIA provider left them in the brokered
 * context ({@link EsiaNotes#KIDS}): the «Ребенок» choices of the request form (R-REQ-1). The list
 * is complete only when the login read the children ({@link EsiaNotes#KIDS_READ}); otherwise it is
 * treated as empty. Pure: no Keycloak.
 */
public final class EsiaChildren {

    private static final Logger LOG = Logger.getLogger(EsiaChildren.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<AccessRequest.Child> out = new ArrayList<>();
        try {
            JsonNode array = JSON.readTree(json);
            if (array == null || !array.isArray()) {
                return List.of();
            }
            for (JsonNode kid : array) {
                String oid = field(kid, "oid");
                if (oid == null) {
                    continue;
                }
                out.add(new AccessRequest.Child(oid, field(kid, "lastName"), field(kid, "firstName"), field(kid, "middleName"),
                        date(field(kid, "birthDate")), field(kid, "snils"), field(kid, "birthCertificate")));
            }
        } catch (IOException e) {
            LOG.warnf("the ESIA children of this login could not be read: %s", e.getMessage());
            return List.of();
        }
        return out;
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

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static String text(Map<String, ?> data, String key) {
        Object value = data == null ? null : data.get(key);
        return value == null ? null : value.toString();
    }

    /** Defect 6: a future or > 120-year-old birth date is unknown. */
    private static LocalDate date(String value) {
        return PersonFields.birthDate(value, Clock.systemUTC()).orElse(null);
    }
}
