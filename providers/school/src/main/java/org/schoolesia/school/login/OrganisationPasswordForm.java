package org.schoolesia.school.login;

import org.schoolesia.school.orgs.Organisations;

import org.schoolesia.school.orgs.cascade.CascadeLevel;
import org.schoolesia.school.orgs.cascade.CascadeSelection;
import org.schoolesia.school.orgs.cascade.OrganisationCascadeView;
import org.schoolesia.school.orgs.cascade.OrganisationDirectory;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;
import org.schoolesia.school.orgs.cascade.OrganisationLoginInput;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.model.LoginBean;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.validation.Validation;
import org.schoolesia.esia.broker.EsiaCallbackEndpoint;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.link.ChosenRole;
import org.schoolesia.school.link.EsiaLinks;

/**
 * Password login at a chosen organisation (R-ORG-2, R-ODO-2). Keycloak's own username/password
 * form does the password, brute-force protection, disabled and locked accounts, the dummy hash
 * for unknown users and the events; this step adds the organisation: it must exist, be enabled
 * and have the person as a member (home or enrolled), or the attempt fails exactly like a wrong
 * password (ARCHITECTURE security rule 3). With the realm's password login set to
 * {@code esia-only} (R-ESIA-1), accounts linked to ESIA are sent to Госуслуги.
 *
 * <p>Stateless singleton: nothing but what the user typed comes from the form, and the
 * organisation is looked up again on every attempt.
 */
public class OrganisationPasswordForm extends UsernamePasswordForm {

    private static final Logger LOG = Logger.getLogger(OrganisationPasswordForm.class);

    static final String TEMPLATE = "school-login-organisation.ftl";
    /** Remembers the last organisation on this device, so a returning person does not pick five selects again. */
    static final String COOKIE = "SCHOOL_ORGANIZATION";
    static final Duration COOKIE_AGE = Duration.ofDays(365);
    static final String ERROR_ORGANISATION_REQUIRED = "schoolOrganisationRequired";
    static final String ERROR_ESIA_ONLY = "schoolPasswordLoginEsiaOnly";
    static final String INFO_ESIA_CANCELLED = "schoolEsiaCancelled";
    static final String DETAIL_ORGANISATION = "school_organization";

    private final OrganisationDirectoryCache directories;

    OrganisationPasswordForm(OrganisationDirectoryCache directories) {
        this.directories = directories;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("cancel")) {
            context.cancelLogin();
            return;
        }
        String alias = OrganisationLoginInput.organisation(form::getFirst);
        if (alias == null) {
            // Nothing about the account is checked or revealed: the person just has to choose.
            context.forceChallenge(challenge(context, ERROR_ORGANISATION_REQUIRED, CascadeLevel.ORGANISATION.field()));
            return;
        }
        if (!validateUserAndPassword(context, form)) {
            return;
        }
        UserModel user = context.getUser();
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        OrganizationModel organisation = Organisations.byAlias(session, alias);
        String refusal = organisation == null ? "organization_not_found"
                : !organisation.isEnabled() ? "organization_disabled"
                : !organisation.isMember(user) ? "not_organization_member" : null;
        if (refusal != null) {
            refuseLikeWrongPassword(context, user, alias, refusal);
            return;
        }
        PasswordLoginPolicy policy = OrganisationLoginConfig.of(context.getAuthenticatorConfig())
                .passwordLogin(realm.getAttribute(PasswordLoginPolicy.REALM_ATTRIBUTE));
        if (policy == PasswordLoginPolicy.ESIA_ONLY && hasEsiaLink(session, realm, user)) {
            refuseEsiaLinkedAccount(context, user, alias);
            return;
        }
        context.getEvent().detail(DETAIL_ORGANISATION, organisation.getAlias());
        context.getAuthenticationSession().setUserSessionNote(Organisations.LOGIN_NOTE, organisation.getAlias());
        rememberOrganisation(session, realm, organisation.getAlias());
        context.success(PasswordCredentialModel.TYPE);
    }

    /** The realm's enabled ESIA provider shown on the login page (the first, should there be several). */
    static IdentityProviderModel esiaProvider(KeycloakSession session) {
        return session.identityProviders().getAllStream(IdentityProviderQuery.userAuthentication())
                .filter(idp -> EsiaIdentityProviderFactory.PROVIDER_ID.equals(idp.getProviderId()))
                .filter(IdentityProviderModel::isEnabled)
                .filter(idp -> !idp.isHideOnLogin())
                .findFirst().orElse(null);
    }

    /** R-ODO-2 and security rule 3: same page, message, status and brute-force count as a wrong password. */
    private void refuseLikeWrongPassword(AuthenticationFlowContext context, UserModel user, String alias, String reason) {
        LOG.debugf("password login refused at organisation '%s' for user %s: %s", alias, user.getId(), reason);
        context.getEvent().user(user).detail(DETAIL_ORGANISATION, alias).detail(Details.REASON, reason)
                .error(Errors.INVALID_USER_CREDENTIALS);
        forgetAuthenticatedUser(context);
        AuthenticatorUtils.setupReauthenticationInUsernamePasswordFormError(context);
        Response page = challenge(context, getDefaultChallengeMessage(context), Validation.FIELD_PASSWORD);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
    }

    /** R-ESIA-1: only reachable with the right password, so it may say what to do instead. */
    private void refuseEsiaLinkedAccount(AuthenticationFlowContext context, UserModel user, String alias) {
        LOG.debugf("password login refused for ESIA-linked user %s: realm allows ESIA only", user.getId());
        context.getEvent().user(user).detail(DETAIL_ORGANISATION, alias).detail(Details.REASON, "esia_only")
                .error(Errors.NOT_ALLOWED);
        forgetAuthenticatedUser(context);
        context.forceChallenge(challenge(context, ERROR_ESIA_ONLY, null));
    }

    private void forgetAuthenticatedUser(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(AuthenticationManager.PASSWORD_VALIDATED);
        if (!isUserAlreadySetBeforeUsernamePasswordAuth(context)) {
            // Before rendering: the page must not show whose account was found.
            context.clearUser();
        }
    }


    /** A federated identity of any identity provider of the ESIA type, whatever its alias. */
    static boolean hasEsiaLink(KeycloakSession session, RealmModel realm, UserModel user) {
        if (new EsiaLinks(session).linkOf(user).filter(link -> !link.pending()).isPresent()) {
            return true;
        }
        return session.users().getFederatedIdentitiesStream(realm, user)
                .map(link -> session.identityProviders().getByAlias(link.getIdentityProvider()))
                .map(idp -> idp == null ? null : idp.getProviderId())
                .anyMatch(EsiaIdentityProviderFactory.PROVIDER_ID::equals);
    }

    // --- the page -------------------------------------------------------------------------

    @Override
    protected Response challenge(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        // First display: a remembered organisation fills the cascade.
        LoginFormsProvider form = context.form();
        if (!formData.isEmpty()) {
            form.setFormData(formData);
        }
        String remembered = rememberedOrganisation(context.getSession());
        describePage(context, form, formData, CascadeSelection.NONE.with(CascadeLevel.ORGANISATION, remembered));
        if (context.getAuthenticationSession().getAuthNote(EsiaCallbackEndpoint.CANCELLED_NOTE) != null) {
            // «Отказаться» at Госуслуги is the person's choice, not an error: a calm note replaces
            // Keycloak's forwarded "access denied" alert (setInfo replaces the page's messages).
            context.getAuthenticationSession().removeAuthNote(EsiaCallbackEndpoint.CANCELLED_NOTE);
            form.setInfo(INFO_ESIA_CANCELLED);
        }
        return createLoginForm(form);
    }

    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        // After a failed attempt: show what the person chose and typed (never the password).
        MultivaluedMap<String, String> posted = "POST".equalsIgnoreCase(context.getHttpRequest().getHttpMethod())
                ? context.getHttpRequest().getDecodedFormParameters() : new MultivaluedHashMap<>();
        describePage(context, context.form(), posted, CascadeSelection.from(posted::getFirst));
        return super.challenge(context, error, field);
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        return form.createForm(TEMPLATE);
    }

    private void describePage(AuthenticationFlowContext context, LoginFormsProvider form,
                              MultivaluedMap<String, String> formData, CascadeSelection requested) {
        OrganisationDirectory directory = directories.get(context.getSession(), context.getRealm());
        form.setAttribute("schoolOrg", new OrganisationCascadeView(directory, directory.resolve(requested)));
        form.setAttribute("schoolLoginOrder", OrganisationLoginConfig.of(context.getAuthenticatorConfig()).loginOrder().value());
        IdentityProviderModel esia = esiaProvider(context.getSession());
        if (esia != null) {
            // The role buttons (R-ESIA-2): links to the ESIA provider with school_role; a relying
            // system's own school_role leaves only its button.
            List<String> roles = ChosenRole.preselected(context.getAuthenticationSession())
                    .map(r -> List.of(r.code()))
                    .orElse(List.of(SchoolRole.PARENT.code(), SchoolRole.STUDENT.code(), SchoolRole.STAFF.code()));
            form.setAttribute("schoolEsiaRoles", roles);
        }
        // createForm() does not add the login bean createLoginUsernamePassword() would.
        MultivaluedMap<String, String> shown = new MultivaluedHashMap<>();
        if (formData.getFirst("username") != null) {
            shown.putSingle("username", formData.getFirst("username"));
        }
        if (formData.getFirst("rememberMe") != null) {
            shown.putSingle("rememberMe", formData.getFirst("rememberMe"));
        }
        form.setAttribute("login", new LoginBean(shown));
    }

    // --- the remembered organisation ------------------------------------------------------

    private static String rememberedOrganisation(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(COOKIE);
        if (cookie == null || cookie.getValue() == null) {
            return null;
        }
        try {
            return URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void rememberOrganisation(KeycloakSession session, RealmModel realm, String alias) {
        URI base = session.getContext().getUri().getBaseUri();
        String basePath = base.getRawPath().endsWith("/") ? base.getRawPath() : base.getRawPath() + "/";
        NewCookie cookie = new NewCookie.Builder(COOKIE)
                .value(URLEncoder.encode(alias, StandardCharsets.UTF_8))
                .path(basePath + "realms/" + realm.getName() + "/")
                .maxAge((int) COOKIE_AGE.toSeconds())
                .httpOnly(true)
                .secure("https".equalsIgnoreCase(base.getScheme()))
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie);
    }
}
