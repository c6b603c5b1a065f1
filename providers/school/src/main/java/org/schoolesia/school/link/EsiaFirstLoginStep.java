package org.schoolesia.school.link;

import org.schoolesia.school.orgs.Organisations;

import java.util.function.Consumer;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.schoolesia.school.accounts.SchoolRole;

/**
 * What every step of the ESIA first-login flow shares: the brokered ESIA person, a check in
 * {@code authenticate} and in {@code action} that the identity provider is still enabled (defect 3:
 * an admin may switch Госуслуги off while a person sits on a page), the common page of the
 * template {@code school-esia-account.ftl}, "back" through {@link #startOver} and entering an account;
 * a deleted ESIA account is refused before any step runs (defect 4, {@link DeletedEsiaAccount}).
 * (A post that Keycloak's endpoint itself refuses for the disabled provider, before any step runs,
 * gets the same page from {@link EsiaProviderOffHandler}.)
 */
public abstract class EsiaFirstLoginStep extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(EsiaFirstLoginStep.class);

    public static final String TEMPLATE = "school-esia-account.ftl";
    /** Message of the themed page shown when the ESIA provider was disabled during the login. */
    public static final String PROVIDER_OFF = "schoolEsiaProviderOff";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        run(context, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        run(context, true);
    }

    /** Keycloak's own check answers the disabled provider with a second challenge, then a 500: ours stops at one themed page. */
    private void run(AuthenticationFlowContext context, boolean action) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession,
                BROKERED_CONTEXT_NOTE);
        if (serialized == null) {
            throw new AuthenticationFlowException("no brokered identity in the authentication session", AuthenticationFlowError.IDENTITY_PROVIDER_ERROR);
        }
        IdentityProviderModel provider = context.getSession().identityProviders().getByAlias(serialized.getIdentityProviderId());
        if (provider == null || !provider.isEnabled()) {
            LOG.debugf("identity provider '%s' is off: first login stopped", serialized.getIdentityProviderId());
            context.getEvent().detail(Details.REASON, "identity_provider_disabled");
            Response page = context.form().setError(PROVIDER_OFF).createErrorPage(Response.Status.BAD_REQUEST);
            context.failureChallenge(AuthenticationFlowError.IDENTITY_PROVIDER_DISABLED, page);
            return;
        }
        BrokeredIdentityContext broker = serialized.deserialize(context.getSession(), authSession);
        if (DeletedEsiaAccount.is(broker.getContextData())) {
            // Defect 4: in every step and before any of them looks at accounts, so nothing is entered or linked.
            LOG.infof("ESIA person %s: the Госуслуги account is deleted: first login refused", broker.getId());
            context.getEvent().detail(Details.REASON, DeletedEsiaAccount.REASON);
            Response page = context.form().setError(DeletedEsiaAccount.MESSAGE).createErrorPage(Response.Status.FORBIDDEN);
            context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page);
            return;
        }
        if (action) {
            actionImpl(context, serialized, broker);
        } else {
            authenticateImpl(context, serialized, broker);
        }
    }

    protected static EsiaPersonFacts person(BrokeredIdentityContext broker) {
        return EsiaPersonFacts.from(broker.getContextData());
    }

    /** The role chosen at login (R-ESIA-2); the role step runs first, so later steps always find one. */
    protected static SchoolRole role(AuthenticationFlowContext context) {
        return ChosenRole.of(context.getAuthenticationSession())
                .orElseThrow(() -> new AuthenticationFlowException("no role chosen", AuthenticationFlowError.INTERNAL_ERROR));
    }

    /** "Back", or "where does this person stand now": the flow from its first step, with the ESIA person kept. */
    protected static void startOver(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized) {
        context.resetFlow(() -> serialized.saveToAuthenticationSession(context.getAuthenticationSession(), BROKERED_CONTEXT_NOTE));
    }

    /** A page of the template; {@code more} adds what the page needs beyond the common view. */
    protected static void show(AuthenticationFlowContext context, EsiaAccountView view, Consumer<LoginFormsProvider> more) {
        LoginFormsProvider form = context.form();
        if (more != null) {
            more.accept(form);
        }
        form.setAttribute("schoolEsia", view);
        context.challenge(form.createForm(TEMPLATE));
    }

    protected static EsiaAccountView view(AuthenticationFlowContext context, String page, EsiaPersonFacts person) {
        return new EsiaAccountView(page, ChosenRole.of(context.getAuthenticationSession()).map(SchoolRole::code).orElse(null), person);
    }

    /**
     * Hands the account to Keycloak, which then points its broker link for this ESIA person at it
     * (after-first-broker-login): any other account's pointer goes first, as an account and a
     * person each carry one.
     */
    protected static void enter(AuthenticationFlowContext context, EsiaPersonFacts person, UserModel user, String organisationAlias,
                                BrokeredIdentityContext broker) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String alias = broker.getIdpConfig().getAlias();
        new KeycloakLinkPointer(session).clear(realm, alias, person.oid());
        if (session.users().getFederatedIdentity(realm, user, alias) != null) {
            session.users().removeFederatedIdentity(realm, user, alias);
        }
        if (organisationAlias != null) {
            context.getAuthenticationSession().setUserSessionNote(Organisations.LOGIN_NOTE, organisationAlias);
        }
        context.setUser(user);
        context.success();
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
