package org.schoolesia.school.api;

import java.util.List;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.school.accounts.AccountsResource;
import org.schoolesia.school.accounts.StaffAccounts;
import org.schoolesia.school.certificates.CertificateEligibilityResource;
import org.schoolesia.school.certificates.MyCertificateResource;
import org.schoolesia.school.certificates.StaffCertificateResource;
import org.schoolesia.school.family.CardSnilsResource;
import org.schoolesia.school.family.FamilyLinkResource;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.family.proposals.ProposalResource;
import org.schoolesia.school.invitations.InvitationCodeResource;
import org.schoolesia.school.invitations.MyChildrenResource;
import org.schoolesia.school.family.childaccess.ChildLoginResource;
import org.schoolesia.school.family.childaccess.StaffChildLoginResource;
import org.schoolesia.school.link.EsiaLinkResource;
import org.schoolesia.school.orgs.OrganisationClassesResource;
import org.schoolesia.school.personal.PersonalCall;
import org.schoolesia.school.personal.PersonalResource;
import org.schoolesia.school.requests.AccessRequestResource;
import org.schoolesia.school.web.StaffCall;
import org.schoolesia.school.web.StaffPower;

/**
 * Root of {@code /realms/{realm}/school}: the composition root of the school API. Each staff
 * locator authenticates the caller once ({@link StaffCall}) and hands the call to the
 * capability's resource; the URLs are those the staff page has always called.
 */
public class SchoolApi {

    private static final StaffPower STAFF_POWER = new StaffAccounts();

    private final KeycloakSession session;

    public SchoolApi(KeycloakSession session) {
        this.session = session;
    }

    private StaffCall staffCall() {
        return StaffCall.authenticate(session, STAFF_POWER);
    }

    /** People, cards, credentials, enrolments, quick entry and import of the caller's organisation (R-ODO-1..3). */
    @Path("staff")
    public AccountsResource staff() {
        return new AccountsResource(session, staffCall(), List.of(EsiaLinkResource.cardSection(session), StaffCertificateResource.cardSection(session)), new FamilyLinks(session));
    }

    /** R-LINK-4: a person's ESIA link; more specific than {@code staff}, so JAX-RS matches it first. */
    @Path("staff/people/{id}/esia-link")
    public EsiaLinkResource esiaLink(@PathParam("id") String id) {
        return new EsiaLinkResource(session, staffCall(), id);
    }

    /** R-FAM-1, R-ODO-4: a person's parent–child links; more specific than {@code staff}, so JAX-RS matches it first. */
    @Path("staff/people/{id}/family-links")
    public FamilyLinkResource familyLinks(@PathParam("id") String id) {
        return new FamilyLinkResource(session, staffCall(), id);
    }

    /** Issue 12: the open proposals from parents' Госуслуги children of the caller's organisation. */
    @Path("staff/family-proposals")
    public ProposalResource familyProposals() {
        return new ProposalResource(session, staffCall(), null);
    }

    /** R-CERT-4: a pupil's certificate for staff of an authorised organisation; more specific than {@code staff}. */
    @Path("staff/people/{id}/certificate")
    public StaffCertificateResource certificate(@PathParam("id") String id) {
        return new StaffCertificateResource(session, staffCall(), id);
    }

    /** R-CERT-6, R-CERT-1/2: eligibility for relying systems (audience school-certificates-api). */
    @Path("certificates")
    public CertificateEligibilityResource certificates() {
        return new CertificateEligibilityResource(session);
    }

    /** R-CERT-3 «Получить сертификат» from the personal page; more specific than {@code me}. */
    @Path("me/certificate")
    public MyCertificateResource myCertificate() {
        return new MyCertificateResource(PersonalCall.authenticate(session));
    }

    /** R-FAM-2: a pupil's invitation codes; more specific than {@code staff}, so JAX-RS matches it first. */
    @Path("staff/people/{id}/invitation-codes")
    public InvitationCodeResource invitationCodes(@PathParam("id") String id) {
        return new InvitationCodeResource(session, staffCall(), id);
    }

    /** R-FAM-2: «Мои дети» → «Добавить ребенка» with an invitation code; more specific than {@code me}. */
    @Path("me/children")
    public MyChildrenResource myChildren() {
        return new MyChildrenResource(session, PersonalCall.authenticate(session));
    }

    /** R-FAM-3: the parents' SNILS on a pupil's card; more specific than {@code staff}, so JAX-RS matches it first. */
    @Path("staff/people/{id}/parent-snils")
    public CardSnilsResource cardSnils(@PathParam("id") String id) {
        return new CardSnilsResource(session, staffCall(), id);
    }

    /** R-FAM-4: a pupil's login created or reset by staff of the home organisation; the card's R-FAM-5 flag. */
    @Path("staff/people/{id}/child-login")
    public StaffChildLoginResource staffChildLogin(@PathParam("id") String id) {
        return new StaffChildLoginResource(session, staffCall(), id);
    }

    /** Access requests «Обратиться в организацию» of the caller's organisation (R-REQ-3). */
    @Path("access-requests")
    public AccessRequestResource accessRequests() {
        return new AccessRequestResource(session, staffCall());
    }

    /** The caller's own data for «Персональные настройки» (issue 11): any account, its own data only, sections from SPI school-personal-section. */
    @Path("me")
    public PersonalResource me() {
        return new PersonalResource(PersonalCall.authenticate(session));
    }

    /** R-FAM-4: «Доступ для учеников до 14 лет», a parent creates or resets a linked child's login; more specific than {@code me}. */
    @Path("me/children/{childId}/login")
    public ChildLoginResource childLogin(@PathParam("childId") String childId) {
        return new ChildLoginResource(session, PersonalCall.authenticate(session), childId);
    }

    /** Public: the classes of an organisation, for the request form's script (R-REQ-1). */
    @Path("organisations")
    public OrganisationClassesResource organisations() {
        return new OrganisationClassesResource(session);
    }

    /** Shared assets of the pages: keycloak.js, school-app.js, PatternFly from Keycloak's common theme, texts. */
    @Path("assets")
    public PageAssetsResource assets() {
        return new PageAssetsResource(session);
    }

    /**
     * The pages' static files (no data, no token; {@link PageResource#PAGES}): each logs in itself and
     * calls the API above. Literal paths above win over this template.
     */
    @Path("{page}")
    public PageResource page(@PathParam("page") String page) {
        return new PageResource(session, PageResource.PAGES.get(page));
    }
}
