package org.schoolesia.school.kernel;

import jakarta.persistence.EntityExistsException;
import org.keycloak.models.ModelDuplicateException;

/** Recognises a unique-key violation whatever layer reports it (Keycloak, JPA, JDBC, Hibernate). */
public final class UniqueKeyViolation {

    private UniqueKeyViolation() {
    }

    /** True for a duplicate key anywhere in the cause chain; other database failures stay errors. */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelDuplicateException || t instanceof EntityExistsException
                    || t instanceof java.sql.SQLIntegrityConstraintViolationException
                    || t.getClass().getName().endsWith("ConstraintViolationException")) {
                return true;
            }
        }
        return false;
    }
}
