package org.schoolesia.esia.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.esia.protocol.EsiaBirthCertificate;
import org.schoolesia.esia.protocol.EsiaIdToken;
import org.schoolesia.esia.protocol.EsiaKid;
import org.schoolesia.esia.protocol.EsiaPerson;

/** Turns what ESIA said about a person into Keycloak's brokered identity. */
final class EsiaIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EsiaIdentity() {
    }

    static BrokeredIdentityContext toContext(EsiaIdentityProviderConfig config, EsiaIdToken token, EsiaPerson person) {
        return toContext(config, token, person, StoredKids.NONE);
    }

    /**
     * {@code stored}: the children's documents read at an earlier login. A login reads no documents itself
     * (issue 14): a child not held there is marked {@link StoredKids#DOCUMENTS_READ} "false" when the system
     * may read them, and {@link EsiaChildDocuments} reads them when something needs them.
     */
    static BrokeredIdentityContext toContext(EsiaIdentityProviderConfig config, EsiaIdToken token, EsiaPerson person,
                                             StoredKids stored) {
        BrokeredIdentityContext context = new BrokeredIdentityContext(token.oid(), config);
        context.setUsername("esia-" + token.oid());
        context.setBrokerUserId(token.oid());
        context.setFirstName(person.firstName());
        context.setLastName(person.lastName());
        // Only verified contacts reach us (the parser drops the rest), so the e-mail can be trusted.
        context.setEmail(person.email());

        Map<String, Object> data = context.getContextData();
        put(data, EsiaNotes.OID, token.oid());
        put(data, EsiaNotes.LAST_NAME, person.lastName());
        put(data, EsiaNotes.FIRST_NAME, person.firstName());
        put(data, EsiaNotes.MIDDLE_NAME, person.middleName());
        put(data, EsiaNotes.BIRTH_DATE, person.birthDate() == null ? null : person.birthDate().toString());
        put(data, EsiaNotes.GENDER, person.gender());
        put(data, EsiaNotes.SNILS, person.snils() == null ? null : person.snils().digits());
        // A confirmed account needs both ESIA's person record and the token's subject claim, and no
        // identity check still running at ESIA (defect 4: one under verification is unconfirmed).
        put(data, EsiaNotes.TRUSTED, String.valueOf(person.trusted() && token.trusted() && !person.verifying()));
        put(data, EsiaNotes.STATUS, person.status());
        if (person.verifying()) {
            put(data, EsiaNotes.VERIFYING, "true");
        }
        put(data, EsiaNotes.LEVEL, token.level());
        put(data, EsiaNotes.EMAIL, person.email());
        put(data, EsiaNotes.MOBILE, person.mobile());
        put(data, EsiaNotes.CITIZENSHIP, person.citizenship());
        if (person.kids() != null && !person.kids().isEmpty()) {
            put(data, EsiaNotes.KIDS, kidsJson(person.kids(), stored, config.getScopes().contains(EsiaChildDocuments.SCOPE)));
        }
        return context;
    }

    private static void put(Map<String, Object> data, String key, String value) {
        if (value != null && !value.isBlank()) {
            data.put(key, value);
        }
    }

    private static String kidsJson(List<EsiaKid> kids, StoredKids stored, boolean documentsReadable) {
        List<Map<String, String>> list = new ArrayList<>();
        for (EsiaKid kid : kids) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("oid", kid.oid());
            item.put("lastName", kid.lastName());
            item.put("firstName", kid.firstName());
            item.put("middleName", kid.middleName());
            item.put("birthDate", kid.birthDate() == null ? null : kid.birthDate().toString());
            item.put("gender", kid.gender());
            item.put("snils", kid.snils() == null ? null : kid.snils().digits());
            if (stored.holds(kid.oid())) {
                item.putAll(stored.documents(kid.oid()));
            } else if (documentsReadable) {
                item.put(StoredKids.DOCUMENTS_READ, "false");
            }
            list.add(item);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as the children's list carries it: "series number" and the issue date. */
    static Map<String, String> certificateFields(EsiaBirthCertificate certificate) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(StoredKids.BIRTH_CERTIFICATE, certificate.series() == null ? certificate.number()
                : certificate.series() + " " + certificate.number());
        if (certificate.issueDate() != null) {
            fields.put(StoredKids.BIRTH_CERTIFICATE_ISSUED, certificate.issueDate().toString());
        }
        return fields;
    }
}
