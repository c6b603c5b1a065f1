package org.schoolesia.esia.mappers;

import java.util.List;
import java.util.Objects;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.UserModel;
import org.schoolesia.esia.broker.EsiaNotes;

/**
 * One fact ESIA reported about the person and the user attribute it is written to: what both ESIA
 * attribute mappers do for each of their fields.
 */
record PersonAttribute(String field, String attribute) {

    /** The fields an admin can pick: the suffixes of {@link EsiaNotes}. */
    static final List<String> FIELDS = List.of("oid", "lastName", "firstName", "middleName", "birthDate", "gender",
            "snils", "trusted", "level", "email", "mobile", "citizenship", "kids", "status");

    static final String FIELDS_HELP = "birthDate is ISO yyyy-MM-dd, snils 11 digits, trusted true/false (confirmed account),"
            + " level P/PR/KD, email/mobile only when ESIA marks them verified, kids a JSON array, status ESIA's account status"
            + " (REGISTERED, DELETED, …)";

    /** A first login: the value goes with the identity Keycloak creates or links the account from. */
    void preprocess(BrokeredIdentityContext context) {
        String value = value(context);
        if (value != null) {
            context.setUserAttribute(attribute, value);
        }
    }

    /** A returning login: the account follows ESIA. */
    void update(UserModel user, BrokeredIdentityContext context) {
        if ("kids".equals(field) && !"true".equals(String.valueOf(context.getContextData().get(EsiaNotes.KIDS_READ)))) {
            return; // children were not asked for in this login (not a parent's): what the account has stays
        }
        String value = value(context);
        // ESIA is the source of truth for these facts: a value ESIA no longer reports is removed.
        // Nothing is written when nothing changed: every write also evicts the user from Keycloak's cache.
        if (value == null) {
            if (user.getFirstAttribute(attribute) != null) {
                user.removeAttribute(attribute);
            }
        } else if (!Objects.equals(value, user.getFirstAttribute(attribute))) {
            user.setSingleAttribute(attribute, value);
        }
    }

    private String value(BrokeredIdentityContext context) {
        Object value = context.getContextData().get(EsiaNotes.PREFIX + field);
        return value == null ? null : value.toString();
    }
}
