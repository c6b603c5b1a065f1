package org.schoolesia.school.link;

import org.schoolesia.school.orgs.Organisations;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resources.IdentityBrokerService;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolIndexListenerFactory;
import org.schoolesia.school.accounts.SchoolRole;

/**
 * Runs when ESIA returns, before Keycloak looks up the broker link, and points that link at the
 * account to enter: when the confirmed person holds exactly one linked, enabled account of the
 * role chosen at login, Keycloak's own returning-login path goes straight in (R-LINK-2: "later
 * ESIA logins go straight in"). In every other case (no role yet, several accounts, none,
 * an unconfirmed or deleted ESIA account) the link is removed, so Keycloak runs the first-login flow, where
 * the steps of the ESIA first-login flow ask, choose or explain.
 */
public class EsiaAccountResolver extends AbstractIdentityProviderMapper {

    public static final String PROVIDER_ID = "school-esia-account-resolver";
    private static final Logger LOG = Logger.getLogger(EsiaAccountResolver.class);

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession == null || accountLinkingInProgress(authSession)) {
            return; // token exchange, or Keycloak's own "link account": its checks see the real pointer
        }
        EsiaPersonFacts person = EsiaPersonFacts.from(context.getContextData());
        String oid = context.getId();
        EsiaLinks links = new EsiaLinks(session);
        KeycloakLinkPointer pointer = new KeycloakLinkPointer(session);
        // First, before any account of the person is loaded (see KeycloakLinkPointer.read).
        KeycloakLinkPointer.Target pointed = pointer.read(realm, context.getIdpConfig().getAlias(), oid);
        UserModel target = null;
        SchoolRole role = ChosenRole.of(authSession).orElse(null);
        // Defect 4: a deleted ESIA account never takes the fast path; the first-login flow refuses it.
        if (role != null && person.trusted() && !DeletedEsiaAccount.is(context.getContextData())) {
            // The step's own rule (same role, enabled, card not contradicting ESIA), so both agree on who goes straight in.
            List<UserModel> accounts = links.accountsOf(realm, oid).stream()
                    .filter(UserModel::isEnabled)
                    .filter(u -> {
                        AccountFacts facts = AccountFacts.of(u);
                        return facts.role() == role && PersonMatch.mayEnter(person, facts);
                    })
                    .toList();
            target = accounts.size() == 1 ? accounts.get(0) : null;
            if (target != null && LoginTurn.passwordLocked(session, realm, target)) {
                // Keycloak's fast path refuses accounts locked by password guessing; ESIA is another
                // credential (R-ESIA-1), so the step enters them instead: nobody locks an owner out of
                // Госуслуги login by typing wrong passwords.
                target = null;
            } else if (target != null) {
                // Never a cleared pointer for a login of the same person running elsewhere (two devices):
                // that sent this one into the first-login path and the re-link collided, 409 «уже привязан».
                LoginTurn.await(session, realm, target);
            }
        }
        pointer.point(realm, context.getIdpConfig().getAlias(), oid, context.getUsername(), target, pointed);
        if (target != null) {
            // Keycloak's fast path runs no step of ours: the claim school_org needs its note here.
            String home = target.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
            if (home != null) {
                authSession.setUserSessionNote(Organisations.LOGIN_NOTE, home);
            }
        }
        LOG.debugf("ESIA person %s, role %s: %s", oid, role, target == null ? "first-login flow decides" : "straight into " + target.getId());
    }

    /** Keycloak's own "link account" (account console, kc_action): leave its lookup alone. */
    private static boolean accountLinkingInProgress(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(IdentityBrokerService.LINKING_IDENTITY_PROVIDER) != null;
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
    }

    /**
     * A returning login (Keycloak found the link): its post-login flow is skipped when it has nothing to do,
     * and the index listener told that ESIA's callback runs in this request (issue 14).
     */
    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        session.setAttribute(SchoolIndexListenerFactory.ESIA_CALLBACK_IN_THIS_REQUEST, Boolean.TRUE);
        PostLoginShortcut.apply(session, realm, user, context);
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {EsiaIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public String getDisplayCategory() {
        return "School accounts";
    }

    @Override
    public String getDisplayType() {
        return "School account resolver (ESIA)";
    }

    @Override
    public String getHelpText() {
        return "Required for school logins through ESIA: sends a person with exactly one linked account of the chosen role straight in,"
                + " everyone else to the first-login flow with the step \"School account for an ESIA person\".";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
