package org.schoolesia.school.requests;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.link.AccountFacts;
import org.schoolesia.school.link.EsiaLinkedEvent;

/**
 * Defect 9: a person who asked an organisation for access (R-REQ-1) and is then linked with that
 * role in that organisation another way (a staff member by oid or card, their own password, the
 * SNILS rule, an admin) needs no decision any more. Their pending request closes itself in the
 * transaction of the link, so it leaves the staff queue and the overdue count at once.
 */
final class LinkedElsewhere {

    private LinkedElsewhere() {
    }

    static void close(EsiaLinkedEvent linked) {
        KeycloakSession session = linked.session();
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        UserModel account = linked.account();
        AccountFacts facts = AccountFacts.of(account);
        if (facts.role() == null) {
            return;
        }
        List<AccessRequestEntry> pending = em.createNamedQuery("AccessRequestEntry.pendingOfPerson", AccessRequestEntry.class)
                .setParameter("realmId", linked.realm().getId()).setParameter("oid", linked.esiaOid())
                .getResultList();
        for (AccessRequestEntry entry : pending) {
            if (!facts.role().code().equals(entry.getRole()) || !inOrganisation(session, entry.getOrganisationId(), account, facts)) {
                continue;
            }
            // The same guarded update as a staff decision: a decision racing in wins, and this one closes nothing.
            int updated = em.createNamedQuery("AccessRequestEntry.decide")
                    .setParameter("status", RequestStatus.LINKED_ELSEWHERE.code()).setParameter("now", System.currentTimeMillis())
                    .setParameter("staffId", linked.actorId()).setParameter("comment", null)
                    .setParameter("accountId", account.getId()).setParameter("id", entry.getId())
                    .setParameter("orgId", entry.getOrganisationId())
                    .executeUpdate();
            if (updated == 1) {
                em.refresh(entry);
                RequestAudit.linkedElsewhere(session, linked.realm(), AccessRequest.of(entry), account, linked.method(), linked.actorId());
            }
        }
    }

    /** The account's home organisation, or one it is a member of (an ОДО enrolling a school's pupil, R-ODO-2). */
    private static boolean inOrganisation(KeycloakSession session, String organisationId, UserModel account, AccountFacts facts) {
        OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organisation = organisations == null ? null : organisations.getById(organisationId);
        if (organisation == null) {
            return false;
        }
        return organisation.getAlias().equals(facts.homeOrganisation()) || organisations.isMember(organisation, account);
    }
}
