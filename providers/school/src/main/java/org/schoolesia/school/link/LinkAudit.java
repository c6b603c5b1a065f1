package org.schoolesia.school.link;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Audit of links and unlinks, automatic or manual: Keycloak user events (Realm settings → Events)
 * with who, which account, which method and when; SNILS masked. A log line says the same for
 * operators without the event store.
 */
public final class LinkAudit {

    private static final Logger LOG = Logger.getLogger(LinkAudit.class);

    public static final String ESIA_OID = "esia_oid";
    public static final String METHOD = "link_method";
    public static final String ACTOR = "linked_by";
    public static final String SNILS = "snils_masked";
    /** Marks our events apart from Keycloak's own broker-link events. */
    public static final String SCHOOL_LINK = "school_link";

    private LinkAudit() {
    }

    public static void linked(EventBuilder event, UserModel account, EsiaPersonFacts person, LinkMethod method, String actorId) {
        linked(event, account, person.oid(), person.maskedSnils(), method, actorId);
    }

    public static void linked(EventBuilder event, UserModel account, String oid, String maskedSnils, LinkMethod method, String actorId) {
        EventBuilder e = event.clone().event(EventType.FEDERATED_IDENTITY_LINK).user(account)
                .detail(Details.USERNAME, account.getUsername())
                .detail(SCHOOL_LINK, "linked").detail(ESIA_OID, oid).detail(METHOD, method.code());
        if (maskedSnils != null) {
            e.detail(SNILS, maskedSnils);
        }
        if (actorId != null) {
            e.detail(ACTOR, actorId);
        }
        e.success();
        LOG.infof("ESIA person %s linked to account %s (%s) by %s", oid, account.getId(), method.code(),
                actorId == null ? "the person" : "staff member " + actorId);
    }

    public static void authorised(EventBuilder event, UserModel account, String actorId) {
        event.clone().event(EventType.FEDERATED_IDENTITY_LINK).user(account)
                .detail(Details.USERNAME, account.getUsername())
                .detail(SCHOOL_LINK, "authorised").detail(METHOD, LinkMethod.STAFF_CARD.code()).detail(ACTOR, actorId)
                .success();
        LOG.infof("account %s authorised for linking at the next ESIA login by staff member %s", account.getId(), actorId);
    }

    public static void unlinked(EventBuilder event, UserModel account, EsiaLinks.Link link, String actorId) {
        EventBuilder e = event.clone().event(EventType.REMOVE_FEDERATED_IDENTITY).user(account)
                .detail(Details.USERNAME, account.getUsername())
                .detail(SCHOOL_LINK, link.pending() ? "authorisation_cancelled" : "unlinked")
                .detail(METHOD, link.method().code());
        if (link.esiaOid() != null) {
            e.detail(ESIA_OID, link.esiaOid());
        }
        if (actorId != null) {
            e.detail(ACTOR, actorId);
        }
        e.success();
        LOG.infof("account %s unlinked from ESIA person %s by %s", account.getId(), link.esiaOid(),
                actorId == null ? "an administrator" : "staff member " + actorId);
    }

    public static void refused(EventBuilder event, UserModel account, EsiaPersonFacts person, LinkRefusal reason) {
        EventBuilder e = event.clone().event(EventType.FEDERATED_IDENTITY_LINK_ERROR)
                .detail(SCHOOL_LINK, "refused").detail(ESIA_OID, person.oid()).detail(METHOD, LinkMethod.PASSWORD.code())
                .detail(Details.REASON, reason.code());
        if (account != null) {
            e.user(account).detail(Details.USERNAME, account.getUsername());
        }
        e.error(switch (reason) {
            case UNKNOWN_ACCOUNT -> Errors.USER_NOT_FOUND;
            case TOO_MANY_ATTEMPTS -> Errors.USER_TEMPORARILY_DISABLED;
            default -> Errors.INVALID_USER_CREDENTIALS;
        });
    }
}
