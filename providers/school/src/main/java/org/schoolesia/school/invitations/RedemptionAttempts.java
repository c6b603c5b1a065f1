package org.schoolesia.school.invitations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * R-FAM-2: how many codes a parent account, and a client address, may try within the window —
 * counted in {@code SCHOOL_INVITATION_ATTEMPT}, so every node of a cluster sees one count. An
 * attempt is taken BEFORE the code is looked at, each in a transaction of its own committed at
 * once (a refused redemption rolls its own transaction back; the count must stay). Taking is a
 * conditional update ("one more, if below the limit"), never read-then-write; a successful
 * redemption gives its attempts back, so the limit counts failures.
 */
final class RedemptionAttempts {

    private static final long DAY = 24L * 3600 * 1000;

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final InvitationSettings settings;

    RedemptionAttempts(KeycloakSession session, RealmModel realm, InvitationSettings settings) {
        this.factory = session.getKeycloakSessionFactory();
        this.realmId = realm.getId();
        this.settings = settings;
    }

    /** Takes one attempt of the parent and one of the address, or none: the keys taken, empty when either limit is reached. */
    Optional<List<String>> take(String parentId, String address) {
        List<String> taken = new ArrayList<>();
        String parentKey = realmId + ":p:" + parentId;
        if (!takeOne(parentKey, settings.perParent())) {
            return Optional.empty();
        }
        taken.add(parentKey);
        String addressKey = realmId + ":a:" + bounded(address == null || address.isBlank() ? "unknown" : address);
        if (!takeOne(addressKey, settings.perAddress())) {
            giveBack(taken);
            return Optional.empty();
        }
        taken.add(addressKey);
        return Optional.of(taken);
    }

    void giveBack(List<String> keys) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            EntityManager em = em(s);
            keys.forEach(k -> em.createNamedQuery("InvitationAttemptEntry.giveBack").setParameter("id", k).executeUpdate());
        });
    }

    private boolean takeOne(String key, int max) {
        for (int round = 0; round < 3; round++) {
            try {
                Boolean[] answer = new Boolean[1];
                KeycloakModelUtils.runJobInTransaction(factory, s -> answer[0] = attempt(em(s), key, max));
                return answer[0];
            } catch (RuntimeException e) {
                // Two first attempts of one key at once: one inserted the row; the other counts again on it.
                if (!UniqueKeyViolation.isCause(e)) {
                    throw e;
                }
            }
        }
        return false;
    }

    private boolean attempt(EntityManager em, String key, int max) {
        long now = System.currentTimeMillis();
        long windowOpen = now - settings.window().toMillis();
        if (take(em, key, max, windowOpen, now)) {
            return true;
        }
        if (em.find(InvitationAttemptEntry.class, key) != null) {
            // Either this window's attempts are used up, or another first attempt of the key inserted the row after
            // the updates above looked (two parents behind one school address at once): it is committed now, so count
            // on it once more; only a row at its limit refuses.
            return take(em, key, max, windowOpen, now);
        }
        // The first attempt of this key: forget long-past windows of the realm on the way (addresses come and go).
        em.createNamedQuery("InvitationAttemptEntry.deleteStale").setParameter("realmId", realmId)
                .setParameter("before", now - Math.max(DAY, settings.window().toMillis())).executeUpdate();
        em.persist(new InvitationAttemptEntry(key, realmId, now));
        em.flush();
        return true;
    }

    private static boolean take(EntityManager em, String key, int max, long windowOpen, long now) {
        return em.createNamedQuery("InvitationAttemptEntry.takeInWindow").setParameter("id", key).setParameter("windowOpen", windowOpen)
                .setParameter("max", max).executeUpdate() == 1
                || em.createNamedQuery("InvitationAttemptEntry.takeNewWindow").setParameter("id", key).setParameter("windowOpen", windowOpen)
                .setParameter("now", now).executeUpdate() == 1;
    }

    private static String bounded(String address) {
        return address.length() > 80 ? address.substring(0, 80) : address;
    }

    private static EntityManager em(KeycloakSession s) {
        return s.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
