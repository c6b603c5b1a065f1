package org.schoolesia.esia.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The children's documents a returning parent's account already holds (issue 14, the login's cost):
 * the attribute the provider's "ESIA person attribute" mapper of field {@code kids} writes, on the
 * account Keycloak's link for this person points at. A child listed there keeps the birth certificate
 * stored at an earlier login (accounts linked before documents were read only on demand hold them);
 * a child marked {@link #DOCUMENTS_READ} "false", new to the list, or of a person without a link is
 * not held: the login marks it unread and nothing asks ESIA unless something needs the documents.
 */
final class StoredKids {

    /**
     * The mappers and their settings ({@code mappers.EsiaAttributeMapper}, one field; {@code mappers.EsiaAttributesMapper},
     * several), by name: the mappers depend on this package.
     */
    static final String MAPPER_ID = "esia-person-attribute-mapper";
    static final String MAPPER_FIELD = "esiaField";
    static final String MAPPER_ATTRIBUTE = "user.attribute";
    static final String MAPPERS_ID = "esia-person-attributes-mapper";
    static final String MAPPERS_ATTRIBUTES = "esiaAttributes";
    static final String BIRTH_CERTIFICATE = "birthCertificate";
    static final String BIRTH_CERTIFICATE_ISSUED = "birthCertificateIssued";
    /** "false" on a child whose documents no login has read (the only value written). */
    static final String DOCUMENTS_READ = "documentsRead";

    private static final ObjectMapper JSON = new ObjectMapper();
    static final StoredKids NONE = new StoredKids(Map.of());

    /** Per child's ESIA oid: the stored document fields (possibly none: ESIA had no certificate). */
    private final Map<String, Map<String, String>> documents;

    private StoredKids(Map<String, Map<String, String>> documents) {
        this.documents = documents;
    }

    /**
     * The mapper's attribute per realm and provider, read again after {@link #ATTRIBUTE_TTL_MILLIS}: Keycloak reads a
     * provider's mappers from the database on every call (measured: this lookup cost more than the two ESIA calls it
     * saves). A node that still uses a renamed attribute for a minute only asks ESIA for documents it need not.
     */
    private static final Map<String, Attribute> ATTRIBUTES = new java.util.concurrent.ConcurrentHashMap<>();
    static final long ATTRIBUTE_TTL_MILLIS = 60_000;

    private record Attribute(String name, long readAt) {
    }

    static StoredKids of(KeycloakSession session, RealmModel realm, String alias, String oid) {
        String key = realm.getId() + '\n' + alias;
        long now = System.currentTimeMillis();
        Attribute cached = ATTRIBUTES.get(key);
        if (cached == null || now - cached.readAt() > ATTRIBUTE_TTL_MILLIS) {
            if (ATTRIBUTES.size() > 256) {
                ATTRIBUTES.clear();
            }
            cached = new Attribute(kidsAttribute(realm, alias), now);
            ATTRIBUTES.put(key, cached);
        }
        String attribute = cached.name();
        if (attribute == null) {
            return NONE;
        }
        UserModel account = session.users().getUserByFederatedIdentity(realm, new FederatedIdentityModel(alias, oid, null));
        return account == null ? NONE : parse(account.getFirstAttribute(attribute));
    }

    private static String kidsAttribute(RealmModel realm, String alias) {
        return realm.getIdentityProviderMappersByAliasStream(alias)
                .map(StoredKids::kidsAttribute).filter(Objects::nonNull).map(String::trim).filter(a -> !a.isEmpty())
                .findFirst().orElse(null);
    }

    private static String kidsAttribute(IdentityProviderMapperModel mapper) {
        Map<String, String> config = mapper.getConfig() == null ? Map.of() : mapper.getConfig();
        if (MAPPER_ID.equals(mapper.getIdentityProviderMapper())) {
            return "kids".equals(config.get(MAPPER_FIELD)) ? config.get(MAPPER_ATTRIBUTE) : null;
        }
        if (MAPPERS_ID.equals(mapper.getIdentityProviderMapper()) && config.get(MAPPERS_ATTRIBUTES) != null) {
            try {
                List<String> attributes = mapper.getConfigMap(MAPPERS_ATTRIBUTES).get("kids");
                return attributes == null || attributes.isEmpty() ? null : attributes.get(0);
            } catch (RuntimeException unreadable) {
                return null; // the mapper logs it at every login
            }
        }
        return null;
    }

    /** The list as {@code EsiaIdentity} writes it: [{oid, …, birthCertificate?, birthCertificateIssued?}]. */
    static StoredKids parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            JsonNode list = JSON.readTree(json);
            if (list == null || !list.isArray()) {
                return NONE;
            }
            Map<String, Map<String, String>> documents = new HashMap<>();
            for (JsonNode kid : list) {
                String oid = kid.path("oid").asText(null);
                if (oid == null || oid.isBlank()) {
                    return NONE;
                }
                if ("false".equals(kid.path(DOCUMENTS_READ).asText(null))) {
                    continue;
                }
                Map<String, String> fields = new HashMap<>();
                for (String field : new String[] {BIRTH_CERTIFICATE, BIRTH_CERTIFICATE_ISSUED}) {
                    JsonNode value = kid.get(field);
                    if (value != null && value.isTextual()) {
                        fields.put(field, value.asText());
                    }
                }
                documents.put(oid, fields);
            }
            return new StoredKids(documents);
        } catch (java.io.IOException e) {
            return NONE;
        }
    }

    /** True when the child's documents were read at an earlier login (whatever they held). */
    boolean holds(String kidOid) {
        return documents.containsKey(kidOid);
    }

    /** The stored document fields of the child, none when not {@link #holds held}. */
    Map<String, String> documents(String kidOid) {
        return documents.getOrDefault(kidOid, Map.of());
    }
}
