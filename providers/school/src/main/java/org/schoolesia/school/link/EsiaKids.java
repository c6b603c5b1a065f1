package org.schoolesia.school.link;

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
 * The children ESIA listed for the person logging in ({@code /rs/prns/{oid}/kids}), as the ESIA
 * provider left them in the brokered context ({@link EsiaNotes#KIDS}). Known only when this login
 * read them ({@link EsiaNotes#KIDS_READ}): the provider may skip them (its "Read children only when",
 * or data unchanged since the last login), and then nothing is known — not "no children".
 */
public final class EsiaKids {

    private static final Logger LOG = Logger.getLogger(EsiaKids.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A child as ESIA lists it; SNILS as eleven digits, birth certificate as "series number". */
    public record Kid(String oid, String lastName, String firstName, String middleName, LocalDate birthDate, String snils,
                      String birthCertificate) {
    }

    private EsiaKids() {
    }

    /** The children of this login, or empty when this login did not read them. */
    public static Optional<List<Kid>> read(Map<String, ?> contextData) {
        if (!"true".equals(text(contextData, EsiaNotes.KIDS_READ))) {
            return Optional.empty();
        }
        return Optional.of(parse(text(contextData, EsiaNotes.KIDS)));
    }

    /** The children in ESIA's order; entries without an oid are left out (nothing could name them). */
    public static List<Kid> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<Kid> out = new ArrayList<>();
        try {
            JsonNode array = JSON.readTree(json);
            if (array == null || !array.isArray()) {
                return List.of();
            }
            for (JsonNode kid : array) {
                String oid = field(kid, "oid");
                if (oid != null) {
                    out.add(new Kid(oid, field(kid, "lastName"), field(kid, "firstName"), field(kid, "middleName"),
                            date(field(kid, "birthDate")), field(kid, "snils"), field(kid, "birthCertificate")));
                }
            }
        } catch (IOException e) {
            LOG.warnf("the ESIA children of this login could not be read: %s", e.getMessage());
            return List.of();
        }
        return out;
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
