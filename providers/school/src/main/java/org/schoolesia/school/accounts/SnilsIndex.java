package org.schoolesia.school.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.kernel.SnilsHash;

/**
 * Finds accounts by SNILS through our indexed table. The user's {@code snils} attribute is the
 * truth: every hit is checked against it, so a row left stale by some path we did not see can
 * never return the wrong person; {@link #record} and {@link #rebuild} bring rows back in line.
 * Rows hold the SNILS's keyed hash ({@link SnilsHash}), so a lookup hashes the SNILS sought first.
 */
public final class SnilsIndex {

    private static final Logger LOG = Logger.getLogger(SnilsIndex.class);

    private final KeycloakSession session;

    public SnilsIndex(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Accounts of the realm whose SNILS is this one (a person may hold several accounts). */
    public Stream<UserModel> findUsers(RealmModel realm, Snils snils) {
        List<SnilsEntry> entries = em().createNamedQuery("SnilsEntry.findBySnils", SnilsEntry.class)
                .setParameter("realmId", realm.getId())
                .setParameter("snilsHash", SnilsHash.of(session).of(realm.getId(), snils.digits()))
                .getResultList();
        return entries.stream()
                .map(e -> session.users().getUserById(realm, e.getUserId()))
                .filter(Objects::nonNull)
                .filter(u -> snils.digits().equals(u.getFirstAttribute(SchoolAttributes.SNILS)));
    }

    /** Brings the user's row in line with the user's attribute (adds, changes or removes it). */
    public void record(RealmModel realm, UserModel user) {
        String value = user.getFirstAttribute(SchoolAttributes.SNILS);
        String digits = null;
        if (value != null && !value.isBlank()) {
            try {
                digits = Snils.parse(value).digits();
            } catch (IllegalArgumentException e) {
                LOG.warnf("user %s has an invalid SNILS attribute (%s): not indexed", user.getId(), e.getMessage());
            }
        }
        EntityManager em = em();
        SnilsEntry entry = em.find(SnilsEntry.class, user.getId());
        String hash = digits == null ? null : SnilsHash.of(session).of(realm.getId(), digits);
        if (hash == null) {
            if (entry != null) {
                em.remove(entry);
            }
        } else if (entry == null) {
            em.persist(new SnilsEntry(user.getId(), realm.getId(), hash));
        } else if (!hash.equals(entry.getSnilsHash())) {
            entry.setSnilsHash(hash);
        }
    }

    public void forget(String userId) {
        em().createNamedQuery("SnilsEntry.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("SnilsEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /**
     * Re-indexes every account of the realm: after an import, a bulk SQL load or when an operator
     * asks. One query reads the values (the user profile's validator admits only eleven digits with
     * a valid checksum); each is hashed here, since the key never reaches the database. A malformed
     * one is simply never found, since lookups compare with the attribute. Numbers up to 001-001-998
     * (no checksum, placeholders such as 000-000-000 00) are left out, as {@link #record} leaves
     * them out (defect 7).
     */
    public int rebuild(RealmModel realm) {
        forgetRealm(realm.getId());
        EntityManager em = em();
        SnilsHash hash = SnilsHash.of(session);
        List<Object[]> rows = em.createQuery("select u.id, min(a.value) from UserEntity u join u.attributes a"
                        + " where u.realmId = :realmId and a.name = :name and length(a.value) = 11 and a.value >= :lowest"
                        + " group by u.id", Object[].class)
                .setParameter("realmId", realm.getId())
                .setParameter("lowest", Snils.LOWEST_ACCEPTED_DIGITS)
                .setParameter("name", SchoolAttributes.SNILS)
                .getResultList();
        List<SnilsEntry> batch = new ArrayList<>();
        for (Object[] row : rows) {
            SnilsEntry entry = new SnilsEntry((String) row[0], realm.getId(), hash.of(realm.getId(), (String) row[1]));
            em.persist(entry);
            batch.add(entry);
            if (batch.size() == 500) {
                // Our rows only: Keycloak's own entities of this transaction stay managed.
                em.flush();
                batch.forEach(em::detach);
                batch.clear();
            }
        }
        return rows.size();
    }
}
