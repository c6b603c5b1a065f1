package org.schoolesia.school.certificates;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.accounts.SchoolAttributes;

/**
 * A parent's linked children as the certificate rule sees them (R-FAM-1, R-CERT-2), read in one
 * indexed query with their standing certificates ({@code CertificateEntry.childrenOfParent}): no
 * child account loaded, no organisation searched by alias — those were three queries more per
 * child in every token and every parent's answer. Kept on the Keycloak session, so the ID token,
 * access token and userinfo of one request, and every mapper in it, share the one read.
 */
final class LinkedChildren {

    /** One child: the name as relying systems may see it, the facts the rule needs, the standing certificate (or null). */
    record Child(CertificateApplications.Person person, LocalDate birthDate, String homeOrganisationId, Certificate certificate) {
    }

    private LinkedChildren() {
    }

    @SuppressWarnings("unchecked")
    static List<Child> of(KeycloakSession session, RealmModel realm, String parentId) {
        String key = LinkedChildren.class.getName() + "/" + realm.getId() + "/" + parentId;
        Object known = session.getAttribute(key);
        if (known != null) {
            return (List<Child>) known;
        }
        List<Child> children = read(session, realm, parentId);
        session.setAttribute(key, children);
        return children;
    }

    private static List<Child> read(KeycloakSession session, RealmModel realm, String parentId) {
        List<Object[]> rows = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNamedQuery("CertificateEntry.childrenOfParent", Object[].class)
                .setParameter("parentId", parentId).setParameter("realmId", realm.getId())
                .setParameter("middleName", SchoolAttributes.MIDDLE_NAME).setParameter("birthdate", SchoolAttributes.BIRTHDATE)
                .setParameter("home", SchoolAttributes.HOME_ORGANISATION).getResultList();
        Map<String, Child> children = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String id = (String) row[0];
            children.putIfAbsent(id, new Child(new CertificateApplications.Person(id, (String) row[1], (String) row[2], (String) row[3]),
                    CertificateApplications.birthDate((String) row[4]), (String) row[5],
                    row[6] == null ? null : Certificates.toCertificate((CertificateEntry) row[6])));
        }
        return List.copyOf(children.values());
    }
}
