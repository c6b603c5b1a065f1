package org.schoolesia.school.link;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.family.AgePolicy;
import org.schoolesia.school.login.CascadeLevel;
import org.schoolesia.school.login.CascadeSelection;
import org.schoolesia.school.login.OrganisationCascadeView;
import org.schoolesia.school.login.OrganisationDirectory;
import org.schoolesia.school.login.OrganisationDirectoryCache;
import org.schoolesia.school.login.OrganisationLoginInput;
import org.schoolesia.school.login.OrganisationPasswordForm;
import org.schoolesia.school.orgs.OrganisationAttributes;
import org.schoolesia.school.requests.AccessRequest;
import org.schoolesia.school.requests.RequestChoices;
import org.schoolesia.school.requests.RequestForm;
import org.schoolesia.school.requests.RequestLimits;
import org.schoolesia.school.requests.RequestNumbersView;

/**
 * The first-login step of an ESIA person (seeds 002, 003): finds the school account to enter or
 * explains how to get one. In order: the role (R-ESIA-2) if none was chosen before ESIA; an
 * unconfirmed ESIA account is stopped with what to do (R-ESIA-4); accounts linked to the person
 * and of the chosen role are entered (one) or chosen from (several); a staff authorisation or,
 * where the realm allows, a unique SNILS match of a confirmed person links automatically;
 * otherwise R-LINK-1: «Привязать учетную запись» (until the cut-off, R-LINK-4) or
 * «Обратиться в организацию» (R-REQ-1, R-REQ-2: the request form of {@link RequestForm}); a person
 * whose request is still pending sees its number instead of the not-found page.
 *
 * <p>The page shown last is remembered in the authentication session, and a form is acted on
 * only if it belongs to that page: a stale tab, the back button or a forged post re-shows the
 * current page. Every choice and link is checked again on the server when posted.
 */
public class EsiaAccountStep extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(EsiaAccountStep.class);

    static final String TEMPLATE = "school-esia-account.ftl";
    /** The page the person was shown last, bound to the ESIA person: "page|oid". */
    static final String NOTE_PAGE = "school.esia.page";
    /** Accounts offered by the chooser, bound to the ESIA person: "oid|id,id". */
    static final String NOTE_CHOICES = "school.esia.choices";
    static final String FAILURES_KEY = "school-esia-link-failures:";
    static final String ORGANISATION_REQUIRED = "schoolOrganisationRequired";
    /** On the not-found page: the person's latest rejected request (R-REQ-4), if any. */
    static final String REJECTION_ATTRIBUTE = "schoolRequestRejected";

    enum Page { ROLE, CHOOSER, UNCONFIRMED, UNIDENTIFIED, LINK, CONTACT, REQUEST, SENT, PENDING }

    private final OrganisationDirectoryCache directories;
    private final Clock clock;

    EsiaAccountStep(OrganisationDirectoryCache directories, Clock clock) {
        this.directories = directories;
        this.clock = clock;
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        EsiaPersonFacts person = EsiaPersonFacts.from(brokerContext.getContextData());
        Optional<SchoolRole> role = ChosenRole.of(context.getAuthenticationSession());
        if (role.isEmpty()) {
            show(context, person, Page.ROLE, null);
            return;
        }
        identify(context, person, role.get(), brokerContext);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
        EsiaPersonFacts person = EsiaPersonFacts.from(brokerContext.getContextData());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Page current = currentPage(context, person);
        Optional<SchoolRole> role = ChosenRole.of(context.getAuthenticationSession());

        if (current == Page.ROLE && form.containsKey("role")) {
            Optional<SchoolRole> chosen = SchoolRole.of(form.getFirst("role"));
            if (chosen.isEmpty()) {
                show(context, person, Page.ROLE, null);
                return;
            }
            ChosenRole.choose(context.getAuthenticationSession(), chosen.get());
            identify(context, person, chosen.get(), brokerContext);
            return;
        }
        if (current == null || current == Page.ROLE || role.isEmpty()) {
            // A form from another tab or an earlier page: start where this login really is.
            authenticateImpl(context, serializedCtx, brokerContext);
            return;
        }
        if (current == Page.CHOOSER && form.containsKey("account")) {
            choose(context, person, role.get(), form.getFirst("account"), brokerContext);
        } else if ((current == Page.UNIDENTIFIED || current == Page.PENDING) && form.containsKey("showLink")) {
            if (!cutoffOpen(context)) {
                refuseAfterCutoff(context, person);
                return;
            }
            show(context, person, Page.LINK, null);
        } else if (current == Page.UNIDENTIFIED && form.containsKey("contact")) {
            show(context, person, Page.CONTACT, null);
        } else if ((current == Page.LINK || current == Page.CONTACT) && form.containsKey("back")) {
            // Where this person stands now: not found, or waiting for a request.
            identify(context, person, role.get(), brokerContext);
        } else if (current == Page.LINK && form.containsKey("link")) {
            linkByPassword(context, person, role.get(), form, brokerContext);
        } else if ((current == Page.CONTACT && form.containsKey("continue")) || (current == Page.PENDING && form.containsKey("another"))) {
            showRequest(context, person, role.get(), brokerContext, RequestChoices.NONE);
        } else if (current == Page.REQUEST && form.containsKey("send")) {
            sendRequest(context, person, role.get(), brokerContext, RequestChoices.from(form::getFirst));
        } else if (current == Page.REQUEST) {
            // «Выбрать» (the cascade without a script) and anything else: the form again, nothing typed lost.
            showRequest(context, person, role.get(), brokerContext, RequestChoices.from(form::getFirst));
        } else if (current == Page.SENT || current == Page.PENDING) {
            // A repeated post after filing files nothing: the person's requests as they stand.
            identify(context, person, role.get(), brokerContext);
        } else {
            show(context, person, current, null);
        }
    }

    // --- identification -------------------------------------------------------------------

    private void identify(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role, BrokeredIdentityContext broker) {
        EsiaAccountSettings settings = settings(context);
        RealmModel realm = context.getRealm();
        EsiaLinks links = new EsiaLinks(context.getSession());
        List<UserModel> accounts = linkedAccounts(links, realm, person, role);

        if (!person.trusted() && !(settings.unconfirmedMayEnterLinked() && !accounts.isEmpty())) {
            LOG.debugf("ESIA person %s has an unconfirmed account: refused (R-ESIA-4)", person.oid());
            show(context, person, Page.UNCONFIRMED, null);
            return;
        }
        if (accounts.size() == 1) {
            enter(context, person, accounts.get(0), accounts.get(0).getFirstAttribute(homeAttribute()), broker);
            return;
        }
        if (accounts.size() > 1) {
            context.getAuthenticationSession().setAuthNote(NOTE_CHOICES, person.oid() + "|"
                    + String.join(",", accounts.stream().map(UserModel::getId).toList()));
            show(context, person, Page.CHOOSER, null);
            return;
        }
        Optional<UserModel> matched = matchBySnils(context, person, role, settings, links);
        if (matched.isPresent()) {
            enter(context, person, matched.get(), matched.get().getFirstAttribute(homeAttribute()), broker);
            return;
        }
        // Staff resolve a request by linking the account, so a pending one means: not decided yet.
        RequestForm requests = requestForm(context, role, broker);
        List<AccessRequest> pending = requests.pending();
        if (!pending.isEmpty()) {
            show(context, person, Page.PENDING, null, form -> form.setAttribute(RequestForm.ATTRIBUTE, requests.pendingView(pending)));
            return;
        }
        Optional<RequestNumbersView> rejection = requests.lastRejection();
        show(context, person, Page.UNIDENTIFIED, null, form -> rejection.ifPresent(r -> form.setAttribute(REJECTION_ATTRIBUTE, r)));
    }

    private static List<UserModel> linkedAccounts(EsiaLinks links, RealmModel realm, EsiaPersonFacts person, SchoolRole role) {
        return links.accountsOf(realm, person.oid()).stream()
                .filter(UserModel::isEnabled)
                .filter(u -> {
                    AccountFacts facts = AccountFacts.of(u);
                    if (facts.role() != role) {
                        return false;
                    }
                    boolean may = PersonMatch.mayEnter(person, facts);
                    if (!may) {
                        LOG.warnf("ESIA person %s is linked to account %s, but the card contradicts ESIA (SNILS or birth date):"
                                + " not entered; check the link", person.oid(), u.getId());
                    }
                    return may;
                })
                .toList();
    }

    /**
     * A staff authorisation (R-LINK-4) or, where the realm allows it, the SNILS rule: exactly one
     * account of the chosen role carries the confirmed person's SNILS, and full name and birth date
     * agree. Anything less links nothing and shows the same page as no candidate at all.
     */
    private Optional<UserModel> matchBySnils(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role,
                                             EsiaAccountSettings settings, EsiaLinks links) {
        if (!person.trusted() || person.snils() == null) {
            return Optional.empty();
        }
        Snils snils;
        try {
            snils = Snils.parse(person.snils());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        List<UserModel> candidates = new SnilsIndex(session).findUsers(realm, snils)
                .filter(u -> AccountFacts.of(u).role() == role)
                .toList();
        List<UserModel> authorised = candidates.stream()
                .filter(u -> links.linkOf(u).map(EsiaLinks.Link::pending).orElse(false))
                .toList();
        LinkMethod method;
        List<UserModel> pool;
        if (!authorised.isEmpty()) {
            method = LinkMethod.STAFF_CARD;
            pool = authorised;
        } else if (settings.snilsAutoLink()) {
            method = LinkMethod.SNILS;
            pool = candidates;
        } else {
            return Optional.empty();
        }
        if (pool.size() != 1) {
            LOG.debugf("ESIA person %s: %d accounts of role %s with this SNILS: no automatic link", person.oid(), pool.size(), role.code());
            return Optional.empty();
        }
        UserModel account = pool.get(0);
        AccountFacts facts = AccountFacts.of(account);
        String linkedOid = links.linkOf(account).map(EsiaLinks.Link::esiaOid).orElse(null);
        Optional<LinkRefusal> refusal = new LinkRules(new AgePolicy(clock)).check(person, facts, role, linkedOid, zoneOf(session, facts));
        if (refusal.isPresent() || !PersonMatch.sameFullName(person, facts) || !PersonMatch.sameBirthDate(person, facts)) {
            LOG.debugf("ESIA person %s: SNILS candidate %s not linked (%s)", person.oid(), account.getId(),
                    refusal.map(LinkRefusal::code).orElse("name or birth date differ"));
            return Optional.empty();
        }
        if (links.link(realm, account, person.oid(), method, null) != EsiaLinks.Outcome.LINKED) {
            return Optional.empty();
        }
        LinkAudit.linked(context.getEvent(), account, person, method, null);
        return Optional.of(account);
    }

    // --- the chooser ----------------------------------------------------------------------

    private void choose(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role, String accountId,
                        BrokeredIdentityContext broker) {
        String offered = context.getAuthenticationSession().getAuthNote(NOTE_CHOICES);
        boolean wasOffered = offered != null && offered.startsWith(person.oid() + "|")
                && Arrays.asList(offered.substring(offered.indexOf('|') + 1).split(",")).contains(accountId);
        // Checked again now: the link may have been removed since the page was shown.
        Optional<UserModel> account = wasOffered
                ? linkedAccounts(new EsiaLinks(context.getSession()), context.getRealm(), person, role).stream()
                        .filter(u -> u.getId().equals(accountId)).findFirst()
                : Optional.empty();
        if (account.isEmpty()) {
            identify(context, person, role, broker);
            return;
        }
        enter(context, person, account.get(), account.get().getFirstAttribute(homeAttribute()), broker);
    }

    // --- «Привязать учетную запись» (R-LINK-2) ---------------------------------------------

    private void linkByPassword(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role,
                                MultivaluedMap<String, String> form, BrokeredIdentityContext broker) {
        if (!person.trusted()) {
            show(context, person, Page.UNCONFIRMED, null);
            return;
        }
        if (!cutoffOpen(context)) {
            refuseAfterCutoff(context, person);
            return;
        }
        EsiaAccountSettings settings = settings(context);
        if (failures(context, person, settings) >= settings.maxLinkFailures()) {
            LinkAudit.refused(context.getEvent(), null, person, LinkRefusal.TOO_MANY_ATTEMPTS);
            show(context, person, Page.LINK, "schoolEsiaTooManyAttempts");
            return;
        }
        String alias = OrganisationLoginInput.organisation(form::getFirst);
        if (alias == null) {
            show(context, person, Page.LINK, ORGANISATION_REQUIRED);
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String username = form.getFirst("username");
        String password = form.getFirst("password");
        UserModel user;
        try {
            user = username == null || username.isBlank() ? null
                    : KeycloakModelUtils.findUserByNameOrEmail(session, realm, username.trim());
        } catch (ModelDuplicateException e) {
            user = null; // an e-mail several accounts share (realms allowing it) names nobody
        }
        BruteForceProtector bruteForce = session.getProvider(BruteForceProtector.class);

        if (user == null) {
            // The same password-hash work as a real check, as Keycloak does for unknown users.
            AuthenticatorUtils.dummyHash(context);
            refuse(context, person, null, alias, LinkRefusal.UNKNOWN_ACCOUNT, settings);
            return;
        }
        if (realm.isBruteForceProtected() && bruteForce.isTemporarilyDisabled(session, realm, user)) {
            AuthenticatorUtils.dummyHash(context);
            refuse(context, person, user, alias, LinkRefusal.ACCOUNT_LOCKED, settings);
            return;
        }
        boolean passwordValid;
        if (password == null || password.isEmpty()) {
            AuthenticatorUtils.dummyHash(context); // an empty password must cost what a wrong one does
            passwordValid = false;
        } else {
            passwordValid = user.credentialManager().isValid(UserCredentialModel.password(password));
        }
        if (!passwordValid) {
            countForAccount(context, bruteForce, user);
            refuse(context, person, user, alias, LinkRefusal.WRONG_PASSWORD, settings);
            return;
        }
        OrganizationModel organisation = OrganisationPasswordForm.findOrganisation(session, alias);
        if (organisation == null || !organisation.isEnabled() || !organisation.isMember(user)) {
            countForAccount(context, bruteForce, user);
            refuse(context, person, user, alias, LinkRefusal.NOT_ORGANISATION_MEMBER, settings);
            return;
        }
        EsiaLinks links = new EsiaLinks(session);
        AccountFacts facts = AccountFacts.of(user);
        String linkedOid = links.linkOf(user).map(EsiaLinks.Link::esiaOid).orElse(null);
        Optional<LinkRefusal> refusal = new LinkRules(new AgePolicy(clock)).check(person, facts, role, linkedOid, zoneOf(session, facts));
        if (refusal.isPresent()) {
            countForAccount(context, bruteForce, user);
            refuse(context, person, user, alias, refusal.get(), settings);
            return;
        }
        EsiaLinks.Outcome outcome = links.link(realm, user, person.oid(), LinkMethod.PASSWORD, null);
        if (outcome == EsiaLinks.Outcome.LINKED_ELSEWHERE) {
            countForAccount(context, bruteForce, user);
            refuse(context, person, user, alias, LinkRefusal.LINKED_ELSEWHERE, settings);
            return;
        }
        if (outcome == EsiaLinks.Outcome.LINKED) {
            LinkAudit.linked(context.getEvent(), user, person, LinkMethod.PASSWORD, null);
        }
        enter(context, person, user, organisation.getAlias(), broker);
    }

    private static void countForAccount(AuthenticationFlowContext context, BruteForceProtector bruteForce, UserModel user) {
        if (context.getRealm().isBruteForceProtected()) {
            bruteForce.failedLogin(context.getRealm(), user, context.getConnection(), context.getUriInfo(), null);
        }
    }

    /**
     * Every refusal looks like a wrong password: same page, message and status, whatever the
     * reason (R-LINK-2, security rule 3). The reason goes to the event log only.
     */
    private void refuse(AuthenticationFlowContext context, EsiaPersonFacts person, UserModel user, String alias,
                        LinkRefusal reason, EsiaAccountSettings settings) {
        recordFailure(context, person, settings);
        LOG.debugf("ESIA person %s: link refused at organisation '%s' for %s: %s", person.oid(), alias,
                user == null ? "an unknown login" : "account " + user.getId(), reason.code());
        LinkAudit.refused(context.getEvent(), user, person, reason);
        show(context, person, Page.LINK, Messages.INVALID_USER);
    }

    private void refuseAfterCutoff(AuthenticationFlowContext context, EsiaPersonFacts person) {
        LOG.debugf("ESIA person %s: self-linking after the cut-off refused (R-LINK-4)", person.oid());
        context.getEvent().clone().event(EventType.FEDERATED_IDENTITY_LINK_ERROR)
                .detail(LinkAudit.ESIA_OID, person.oid()).detail(Details.REASON, "self_link_closed").error(Errors.NOT_ALLOWED);
        show(context, person, Page.UNIDENTIFIED, "schoolEsiaSelfLinkClosed");
    }

    /** Failures recorded within the window: one cluster-wide slot per failure, so parallel tabs cannot undercount. */
    private int failures(AuthenticationFlowContext context, EsiaPersonFacts person, EsiaAccountSettings settings) {
        String key = failuresKey(context, person);
        int count = 0;
        while (count < settings.maxLinkFailures() && context.getSession().singleUseObjects().contains(key + (count + 1))) {
            count++;
        }
        return count;
    }

    /** The per-ESIA-person limit: the first free slot is taken atomically; slots expire with the window. */
    private void recordFailure(AuthenticationFlowContext context, EsiaPersonFacts person, EsiaAccountSettings settings) {
        String key = failuresKey(context, person);
        for (int slot = 1; slot <= settings.maxLinkFailures(); slot++) {
            if (context.getSession().singleUseObjects().putIfAbsent(key + slot, settings.failureWindow().toSeconds())) {
                return;
            }
        }
    }

    private static String failuresKey(AuthenticationFlowContext context, EsiaPersonFacts person) {
        return FAILURES_KEY + context.getRealm().getId() + ":" + person.oid() + ":";
    }

    // --- «Обратиться в организацию» (R-REQ-1, R-REQ-2) ------------------------------------------

    private RequestForm requestForm(AuthenticationFlowContext context, SchoolRole role, BrokeredIdentityContext broker) {
        return new RequestForm(context.getSession(), context.getRealm(), directories.get(context.getSession(), context.getRealm()),
                broker.getContextData(), role, clock);
    }

    /** The form; only confirmed persons file (R-ESIA-4), and staff get the contact page's guidance instead. */
    private void showRequest(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role,
                             BrokeredIdentityContext broker, RequestChoices choices) {
        if (!mayFile(context, person, role)) {
            return;
        }
        RequestForm requests = requestForm(context, role, broker);
        show(context, person, Page.REQUEST, null, form -> form.setAttribute(RequestForm.ATTRIBUTE, requests.view(choices)));
    }

    private void sendRequest(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role,
                             BrokeredIdentityContext broker, RequestChoices choices) {
        if (!mayFile(context, person, role)) {
            return;
        }
        EsiaAccountSettings settings = settings(context);
        RequestLimits.Settings limits = new RequestLimits.Settings(settings.maxRequestsPerPerson(), settings.requestPersonWindow(),
                settings.maxRequestsPerAddress(), settings.requestAddressWindow());
        RequestForm requests = requestForm(context, role, broker);
        RequestForm.Outcome outcome = requests.send(choices, context.getConnection().getRemoteAddr(), limits, context.getEvent(),
                context.getSession().getContext().resolveLocale(null).toLanguageTag());
        if (outcome.isFiled()) {
            show(context, person, Page.SENT, null, form -> form.setAttribute(RequestForm.ATTRIBUTE, requests.sentView(outcome.filing())));
            return;
        }
        show(context, person, Page.REQUEST, outcome.pageError(), form -> {
            outcome.fieldErrors().forEach(form::addError);
            form.setAttribute(RequestForm.ATTRIBUTE, requests.view(choices));
        });
    }

    private boolean mayFile(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role) {
        if (!person.trusted()) {
            show(context, person, Page.UNCONFIRMED, null);
            return false;
        }
        if (role == SchoolRole.STAFF) {
            show(context, person, Page.CONTACT, null);
            return false;
        }
        return true;
    }

    // --- entering an account -----------------------------------------------------------------

    /**
     * Hands the account to Keycloak, which then points its broker link for this ESIA person at it
     * (after-first-broker-login): any other account's pointer goes first, as an account and a
     * person each carry one.
     */
    private void enter(AuthenticationFlowContext context, EsiaPersonFacts person, UserModel user, String organisationAlias,
                       BrokeredIdentityContext broker) {
        String alias = broker.getIdpConfig().getAlias();
        EsiaLinks links = new EsiaLinks(context.getSession());
        links.clearKeycloakLink(context.getRealm(), alias, person.oid());
        if (context.getSession().users().getFederatedIdentity(context.getRealm(), user, alias) != null) {
            context.getSession().users().removeFederatedIdentity(context.getRealm(), user, alias);
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.removeAuthNote(NOTE_CHOICES);
        authSession.removeAuthNote(NOTE_PAGE);
        if (organisationAlias != null) {
            authSession.setUserSessionNote(OrganisationPasswordForm.USER_SESSION_NOTE, organisationAlias);
        }
        context.setUser(user);
        context.success();
    }

    // --- pages ---------------------------------------------------------------------------------

    private Page currentPage(AuthenticationFlowContext context, EsiaPersonFacts person) {
        String note = context.getAuthenticationSession().getAuthNote(NOTE_PAGE);
        if (note == null || !note.endsWith("|" + person.oid())) {
            return null;
        }
        try {
            return Page.valueOf(note.substring(0, note.indexOf('|')));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void show(AuthenticationFlowContext context, EsiaPersonFacts person, Page page, String error) {
        show(context, person, page, error, null);
    }

    /** @param more what the page needs beyond the common view (the request pages' model) */
    private void show(AuthenticationFlowContext context, EsiaPersonFacts person, Page page, String error,
                      Consumer<LoginFormsProvider> more) {
        context.getAuthenticationSession().setAuthNote(NOTE_PAGE, page.name() + "|" + person.oid());
        LoginFormsProvider form = context.form();
        if (error != null) {
            if (page == Page.LINK && Messages.INVALID_USER.equals(error)) {
                form.addError(new FormMessage("password", error));
            } else if (page == Page.LINK && ORGANISATION_REQUIRED.equals(error)) {
                form.addError(new FormMessage(CascadeLevel.ORGANISATION.field(), error));
            } else {
                form.setError(error);
            }
        }
        EsiaAccountView view = new EsiaAccountView(page.name().toLowerCase(java.util.Locale.ROOT),
                ChosenRole.of(context.getAuthenticationSession()).map(SchoolRole::code).orElse(null),
                cutoffOpen(context), person);
        if (page == Page.CHOOSER) {
            view.setAccounts(chooserEntries(context));
        }
        if (page == Page.LINK) {
            MultivaluedMap<String, String> posted = "POST".equalsIgnoreCase(context.getHttpRequest().getHttpMethod())
                    ? context.getHttpRequest().getDecodedFormParameters() : new MultivaluedHashMap<>();
            OrganisationDirectory directory = directories.get(context.getSession(), context.getRealm());
            form.setAttribute("schoolOrg", new OrganisationCascadeView(directory, directory.resolve(CascadeSelection.from(posted::getFirst))));
            String username = posted.getFirst("username");
            view.setUsername(username == null ? "" : username.length() > 255 ? username.substring(0, 255) : username);
        }
        if (more != null) {
            more.accept(form);
        }
        form.setAttribute("schoolEsia", view);
        Response response = form.createForm(TEMPLATE);
        context.challenge(response);
    }

    private List<EsiaAccountView.Account> chooserEntries(AuthenticationFlowContext context) {
        String offered = context.getAuthenticationSession().getAuthNote(NOTE_CHOICES);
        if (offered == null) {
            return List.of();
        }
        KeycloakSession session = context.getSession();
        return Arrays.stream(offered.substring(offered.indexOf('|') + 1).split(","))
                .map(id -> session.users().getUserById(context.getRealm(), id))
                .filter(java.util.Objects::nonNull)
                .map(u -> {
                    String home = u.getFirstAttribute(homeAttribute());
                    OrganizationModel org = home == null ? null : OrganisationPasswordForm.findOrganisation(session, home);
                    return new EsiaAccountView.Account(u.getId(), u.getUsername(), org == null ? home : org.getName(),
                            AccountFacts.of(u).role() == null ? null : AccountFacts.of(u).role().code());
                })
                .toList();
    }

    // --- settings ------------------------------------------------------------------------------

    private EsiaAccountSettings settings(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? EsiaAccountSettings.DEFAULTS
                : EsiaAccountSettings.of(context.getAuthenticatorConfig().getConfig());
    }

    private boolean cutoffOpen(AuthenticationFlowContext context) {
        return settings(context).cutoff().isOpen(clock.instant());
    }

    private static String homeAttribute() {
        return SchoolAttributes.HOME_ORGANISATION;
    }

    /** R-AGE-1: ages in the organisation's time zone; Moscow when the organisation has none. */
    static ZoneId zoneOf(KeycloakSession session, AccountFacts account) {
        OrganizationModel org = account.homeOrganisation() == null ? null
                : OrganisationPasswordForm.findOrganisation(session, account.homeOrganisation());
        String zone = org == null ? null : org.getAttributes()
                .getOrDefault(OrganisationAttributes.TIME_ZONE, List.of()).stream().findFirst().orElse(null);
        try {
            return zone == null ? ZoneId.of("Europe/Moscow") : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("Europe/Moscow");
        }
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
