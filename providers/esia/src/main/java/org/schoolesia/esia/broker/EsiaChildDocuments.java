package org.schoolesia.esia.broker;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.esia.protocol.EsiaBirthCertificate;

/**
 * A child's documents, read when something needs them (issue 14, the login's cost). A login lists the
 * children ({@link EsiaNotes#KIDS}) but asks ESIA for no child's documents: one call per child at every
 * first login, while only an access request for that child keeps the birth certificate (R-REQ-1). The
 * request form asks here for the child chosen, with the ESIA access token of this login.
 */
public final class EsiaChildDocuments {

    /** The scope under which ESIA shows a child's documents. */
    public static final String SCOPE = "kid_birth_cert_doc";

    private static final Logger LOG = Logger.getLogger(EsiaChildDocuments.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EsiaChildDocuments() {
    }

    /**
     * Reads the documents of the child {@code kidOid} of this ESIA login if no login has, into the brokered
     * context's children list. True when the list changed (the caller keeps the context). ESIA failing or the
     * token gone stale: logged, the list stays as it was, so the request is filed without the certificate.
     */
    public static boolean read(BrokeredIdentityContext broker, String kidOid) {
        Map<String, Object> data = broker.getContextData();
        String kids = text(data.get(EsiaNotes.KIDS));
        if (!unread(kids, kidOid) || !(broker.getIdp() instanceof EsiaIdentityProvider provider)) {
            return false;
        }
        String token = text(data.get(EsiaIdentityProvider.FEDERATED_ACCESS_TOKEN));
        String oid = text(data.get(EsiaNotes.OID));
        if (token == null || oid == null) {
            LOG.warnf("ESIA person %s: no ESIA access token in this login; child %s goes without documents", oid, kidOid);
            return false;
        }
        try {
            Optional<EsiaBirthCertificate> certificate = provider.client().fetchBirthCertificate(oid, kidOid, token);
            data.put(EsiaNotes.KIDS, withDocuments(kids, kidOid, certificate));
            return true;
        } catch (EsiaLoginException | IllegalArgumentException | IllegalStateException e) {
            LOG.warnf("ESIA person %s: the documents of child %s could not be read (%s); the request goes without the birth certificate",
                    oid, kidOid, e.getMessage());
            return false;
        }
    }

    /** Whether the list names the child with its documents not read yet. */
    static boolean unread(String kidsJson, String kidOid) {
        ObjectNode kid = kid(list(kidsJson), kidOid);
        return kid != null && "false".equals(kid.path(StoredKids.DOCUMENTS_READ).asText(null));
    }

    /** The list with the child's documents read: the certificate's fields when ESIA has one, the mark gone. */
    static String withDocuments(String kidsJson, String kidOid, Optional<EsiaBirthCertificate> certificate) {
        ArrayNode list = list(kidsJson);
        ObjectNode kid = kid(list, kidOid);
        if (kid == null) {
            return kidsJson;
        }
        kid.remove(StoredKids.DOCUMENTS_READ);
        certificate.map(EsiaIdentity::certificateFields).ifPresent(fields -> fields.forEach(kid::put));
        return list.toString();
    }

    private static ArrayNode list(String kidsJson) {
        if (kidsJson == null || kidsJson.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode node = JSON.readTree(kidsJson);
            return node instanceof ArrayNode array ? array : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    private static ObjectNode kid(ArrayNode list, String kidOid) {
        if (kidOid == null || kidOid.isBlank()) {
            return null;
        }
        for (JsonNode kid : list) {
            if (kid instanceof ObjectNode object && kidOid.trim().equals(kid.path("oid").asText(null))) {
                return object;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
