package org.schoolesia.school.kernel;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The one-time conversion of change set 015 (issue 14): rows an older version wrote with a SNILS
 * in clear get its keyed hash ({@link SnilsHash}), and, where the table keeps no digits, lose them.
 * Liquibase cannot do it (the key is a server option it never sees), so it runs at each start after
 * the migrations; the rows themselves are the marker (a row still to convert has a SNILS and no
 * hash), so a converted database costs one query per table. Batches commit one by one, in key
 * order, so an interrupted start resumes; two nodes converting at once write the same values.
 */
public final class ClearSnilsConversion {

    private static final Logger LOG = Logger.getLogger(ClearSnilsConversion.class);
    static final int BATCH = 500;

    /**
     * A table with a SNILS column to convert.
     * @param keepDigits whether the digits stay (a request's content) or are cleared (an index)
     * @param maskedColumn where the masked form goes, or null
     */
    public record Table(String name, String idColumn, boolean keepDigits, String maskedColumn) {
    }

    private ClearSnilsConversion() {
    }

    /** Converts every row still holding a SNILS without its hash; the number converted. */
    public static int convert(KeycloakSessionFactory factory, Table table) {
        int total = 0;
        String[] after = {""};
        while (true) {
            int[] done = {0};
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
                SnilsHash hash = SnilsHash.of(session);
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select " + table.idColumn() + ", REALM_ID, SNILS from " + table.name()
                                + " where SNILS_HASH is null and SNILS is not null and " + table.idColumn() + " > :after order by " + table.idColumn())
                        .setParameter("after", after[0]).setMaxResults(BATCH).getResultList();
                for (Object[] row : rows) {
                    String digits = digits((String) row[2]);
                    // Not eleven digits: no SNILS anybody can look up; an index row loses it all the same.
                    String hashed = digits == null ? null : hash.of((String) row[1], digits);
                    // A null is written as a literal: PostgreSQL cannot type an untyped null parameter.
                    StringBuilder sql = new StringBuilder("update " + table.name() + " set SNILS_HASH = " + (hashed == null ? "null" : ":hash"));
                    if (!table.keepDigits()) {
                        sql.append(", SNILS = null");
                    }
                    if (table.maskedColumn() != null) {
                        sql.append(", ").append(table.maskedColumn()).append(" = :masked");
                    }
                    sql.append(" where ").append(table.idColumn()).append(" = :id");
                    var update = em.createNativeQuery(sql.toString()).setParameter("id", row[0]);
                    if (hashed != null) {
                        update.setParameter("hash", hashed);
                    }
                    if (table.maskedColumn() != null) {
                        update.setParameter("masked", digits == null ? "***" : masked(digits));
                    }
                    update.executeUpdate();
                    after[0] = (String) row[0];
                }
                done[0] = rows.size();
            });
            total += done[0];
            if (done[0] < BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.infof("school-esia: %d SNILS in %s converted to keyed hashes (issue 14)", total, table.name());
        }
        return total;
    }

    /** The eleven digits of a stored SNILS (digits only, or formatted), else null. */
    static String digits(String stored) {
        String digits = stored.replaceAll("[^0-9]", "");
        return digits.length() == 11 ? digits : null;
    }

    static String masked(String digits) {
        return "***-***-*** " + digits.substring(9);
    }
}
