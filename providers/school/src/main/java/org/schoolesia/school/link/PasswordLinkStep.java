package org.schoolesia.school.link;

import org.schoolesia.school.orgs.Organisations;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.messages.Messages;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.orgs.cascade.CascadeLevel;
import org.schoolesia.school.orgs.cascade.CascadeSelection;
import org.schoolesia.school.orgs.cascade.OrganisationCascadeView;
import org.schoolesia.school.orgs.cascade.OrganisationDirectory;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;
import org.schoolesia.school.orgs.cascade.OrganisationLoginInput;

/**
 * «Привязать учетную запись» (R-LINK-2..4): the organisation, the login and password of the
 * account of the chosen role; the accounts are linked and entered. Until the cut-off only; at most
 * the configured attempts per ESIA person (the slot taken before the password is looked at,
 * defect 2); every refusal looks like a wrong password (security rule 3) and costs the same hash
 * work (defect 8, {@link PasswordCheck}). «Назад» starts the flow over.
 */
final class PasswordLinkStep extends EsiaFirstLoginStep {

    private static final Logger LOG = Logger.getLogger(PasswordLinkStep.class);
    static final String ORGANISATION_REQUIRED = "schoolOrganisationRequired";
    static final String TOO_MANY = "schoolEsiaTooManyAttempts";

    private final OrganisationDirectoryCache directories;
    private final Clock clock;

    PasswordLinkStep(OrganisationDirectoryCache directories, Clock clock) {
        this.directories = directories;
        this.clock = clock;
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        if (!mayLink(context, serialized, broker)) {
            return;
        }
        showLink(context, person(broker), null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("back")) {
            startOver(context, serialized);
            return;
        }
        if (!mayLink(context, serialized, broker)) {
            return;
        }
        if (!form.containsKey("link")) {
            showLink(context, person(broker), null);
            return;
        }
        link(context, person(broker), form, broker);
    }

    /** Only confirmed persons (R-ESIA-4), only before the cut-off (R-LINK-4); otherwise the flow from the start says why. */
    private boolean mayLink(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized, BrokeredIdentityContext broker) {
        EsiaPersonFacts person = person(broker);
        if (!person.trusted()) {
            startOver(context, serialized);
            return false;
        }
        if (!settings(context).cutoff().isOpen(clock.instant())) {
            LOG.debugf("ESIA person %s: self-linking after the cut-off refused (R-LINK-4)", person.oid());
            context.getEvent().clone().event(EventType.FEDERATED_IDENTITY_LINK_ERROR)
                    .detail(LinkAudit.ESIA_OID, person.oid()).detail(Details.REASON, "self_link_closed").error(Errors.NOT_ALLOWED);
            context.resetFlow(() -> {
                serialized.saveToAuthenticationSession(context.getAuthenticationSession(), BROKERED_CONTEXT_NOTE);
                context.getAuthenticationSession().setAuthNote(PasswordLinkSettings.NOTE_CLOSED, "1");
            });
            return false;
        }
        return true;
    }

    private void link(AuthenticationFlowContext context, EsiaPersonFacts person, MultivaluedMap<String, String> form,
                      BrokeredIdentityContext broker) {
        String alias = OrganisationLoginInput.organisation(form::getFirst);
        if (alias == null) {
            showLink(context, person, ORGANISATION_REQUIRED);
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        LinkAttempts attempts = new LinkAttempts(session, realm, person.oid(), settings(context));
        Optional<String> slot = attempts.take();
        if (slot.isEmpty()) {
            LinkAudit.refused(context.getEvent(), null, person, LinkRefusal.TOO_MANY_ATTEMPTS);
            showLink(context, person, TOO_MANY);
            return;
        }
        String username = form.getFirst("username");
        UserModel user;
        try {
            user = username == null || username.isBlank() ? null : KeycloakModelUtils.findUserByNameOrEmail(session, realm, username.trim());
        } catch (ModelDuplicateException e) {
            user = null; // an e-mail several accounts share (realms allowing it) names nobody
        }
        PasswordCheck.Result checked = PasswordCheck.check(session, realm, user, form.getFirst("password"));
        if (checked != PasswordCheck.Result.VALID) {
            if (checked == PasswordCheck.Result.WRONG) {
                countForAccount(context, user);
            }
            refuse(context, person, user, alias, user == null ? LinkRefusal.UNKNOWN_ACCOUNT
                    : checked == PasswordCheck.Result.LOCKED ? LinkRefusal.ACCOUNT_LOCKED : LinkRefusal.WRONG_PASSWORD);
            return;
        }
        Optional<LinkRefusal> refusal = rules(context, person, user, alias);
        if (refusal.isPresent()) {
            // The right password of a pupil's account in an adult's Госуслуги session: the school should know (R-FAM-5).
            AdultAtPupilAccount.notice(session, realm, person, user, clock);
            countForAccount(context, user);
            refuse(context, person, user, alias, refusal.get());
            return;
        }
        attempts.giveBack(slot.get());
        LinkAudit.linked(context.getEvent(), user, person, LinkMethod.PASSWORD, null);
        enter(context, person, user, alias, broker);
    }

    /** The organisation and the link rules (R-LINK-3, R-ESIA-2); links the accounts when all agree. */
    private Optional<LinkRefusal> rules(AuthenticationFlowContext context, EsiaPersonFacts person, UserModel user, String alias) {
        KeycloakSession session = context.getSession();
        OrganizationModel organisation = Organisations.byAlias(session, alias);
        if (organisation == null || !organisation.isEnabled() || !organisation.isMember(user)) {
            return Optional.of(LinkRefusal.NOT_ORGANISATION_MEMBER);
        }
        EsiaLinks links = new EsiaLinks(session);
        AccountFacts facts = AccountFacts.of(user);
        String linkedOid = links.linkOf(user).map(EsiaLinks.Link::esiaOid).orElse(null);
        Optional<LinkRefusal> refusal = new LinkRules(new AgePolicy(clock, AgeSettings.adultAge(context.getRealm()))).check(person, facts, role(context), linkedOid,
                () -> OrganisationZone.of(session, facts));
        if (refusal.isPresent()) {
            return refusal;
        }
        EsiaLinks.Outcome outcome = links.link(context.getRealm(), user, person.oid(), LinkMethod.PASSWORD, null);
        return outcome == EsiaLinks.Outcome.LINKED_ELSEWHERE ? Optional.of(LinkRefusal.LINKED_ELSEWHERE) : Optional.empty();
    }

    private static void countForAccount(AuthenticationFlowContext context, UserModel user) {
        if (context.getRealm().isBruteForceProtected()) {
            context.getSession().getProvider(BruteForceProtector.class)
                    .failedLogin(context.getRealm(), user, context.getConnection(), context.getUriInfo(), null);
        }
    }

    /** Every refusal looks like a wrong password: same page, message and status; the reason goes to the event log only. */
    private void refuse(AuthenticationFlowContext context, EsiaPersonFacts person, UserModel user, String alias, LinkRefusal reason) {
        LOG.debugf("ESIA person %s: link refused at organisation '%s' for %s: %s", person.oid(), alias,
                user == null ? "an unknown login" : "account " + user.getId(), reason.code());
        LinkAudit.refused(context.getEvent(), user, person, reason);
        showLink(context, person, Messages.INVALID_USER);
    }

    private void showLink(AuthenticationFlowContext context, EsiaPersonFacts person, String error) {
        MultivaluedMap<String, String> posted = "POST".equalsIgnoreCase(context.getHttpRequest().getHttpMethod())
                ? context.getHttpRequest().getDecodedFormParameters() : new MultivaluedHashMap<>();
        EsiaAccountView view = view(context, "link", person);
        String username = posted.getFirst("username");
        view.setUsername(username == null ? "" : username.length() > 255 ? username.substring(0, 255) : username);
        OrganisationDirectory directory = directories.get(context.getSession(), context.getRealm());
        show(context, view, form -> {
            if (Messages.INVALID_USER.equals(error)) {
                form.addError(new FormMessage("password", error));
            } else if (ORGANISATION_REQUIRED.equals(error)) {
                form.addError(new FormMessage(CascadeLevel.ORGANISATION.field(), error));
            } else if (error != null) {
                form.setError(error);
            }
            form.setAttribute("schoolOrg", new OrganisationCascadeView(directory, directory.resolve(CascadeSelection.from(posted::getFirst))));
        });
    }

    private static PasswordLinkSettings settings(AuthenticationFlowContext context) {
        return PasswordLinkSettings.of(StepConfig.of(context.getAuthenticatorConfig()));
    }
}
