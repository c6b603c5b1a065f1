package org.schoolesia.school.api;

import org.schoolesia.school.accounts.AccountFlagEntry;
import org.schoolesia.school.accounts.MemberEntry;
import org.schoolesia.school.accounts.SnilsEntry;
import org.schoolesia.school.certificates.CertificateCredentialEntry;
import org.schoolesia.school.certificates.CertificateEntry;
import org.schoolesia.school.family.CardSnilsEntry;
import org.schoolesia.school.family.FamilyLinkEntry;
import org.schoolesia.school.family.proposals.ProposalEntry;
import org.schoolesia.school.invitations.InvitationAttemptEntry;
import org.schoolesia.school.invitations.InvitationCodeEntry;
import org.schoolesia.school.link.EsiaLinkEntry;
import org.schoolesia.school.link.EsiaUnlinkEntry;
import org.schoolesia.school.requests.AccessRequestEntry;
import org.schoolesia.school.requests.MailOutboxEntry;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Our tables in Keycloak's own database, created and migrated by Liquibase with Keycloak's. */
public class SchoolEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SnilsEntry.class, MemberEntry.class, EsiaLinkEntry.class, AccessRequestEntry.class, MailOutboxEntry.class,
                EsiaUnlinkEntry.class, FamilyLinkEntry.class,
                CertificateEntry.class, CertificateCredentialEntry.class,
                InvitationCodeEntry.class, InvitationAttemptEntry.class,
                CardSnilsEntry.class, AccountFlagEntry.class,
                ProposalEntry.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/school-changelog/master.xml";
    }

    @Override
    public String getFactoryId() {
        return SchoolEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
