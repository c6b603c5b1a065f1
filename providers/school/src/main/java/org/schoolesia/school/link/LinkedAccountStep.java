package org.schoolesia.school.link;

import java.time.Clock;
import org.schoolesia.school.orgs.Organisations;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.kernel.SchoolMeters;

/**
 * A returning person (R-LINK-2): accounts linked to the ESIA person and of the chosen role are
 * entered (one) or chosen from (several, the chooser). None: the next alternative. Unconfirmed
 * ESIA accounts (R-ESIA-4) pass to the unconfirmed page unless the setting lets them enter
 * accounts linked earlier.
 */
final class LinkedAccountStep extends EsiaFirstLoginStep {

    private static final Logger LOG = Logger.getLogger(LinkedAccountStep.class);
    /** Accounts offered by the chooser, bound to the ESIA person: "oid|id,id". */
    static final String NOTE_CHOICES = "school.esia.linked.choices";

    record Settings(boolean unconfirmedMayEnterLinked) {
        static final String UNCONFIRMED_MAY_ENTER = "unconfirmedMayEnterLinked";

        static Settings of(java.util.Map<String, String> config) {
            return new Settings(StepConfig.onIfTrue(config.get(UNCONFIRMED_MAY_ENTER)));
        }
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        EsiaPersonFacts person = person(broker);
        List<UserModel> accounts = linkedAccounts(context.getSession(), context.getRealm(), person, role(context));
        if (accounts.isEmpty() || (!person.trusted() && !Settings.of(StepConfig.of(context.getAuthenticatorConfig())).unconfirmedMayEnterLinked())) {
            context.attempted();
            return;
        }
        if (accounts.size() == 1) {
            // Counted as "linked" by Keycloak's LOGIN that follows (operations.SchoolMetricsListener).
            enter(context, person, accounts.get(0), accounts.get(0).getFirstAttribute(SchoolAttributes.HOME_ORGANISATION), broker);
            return;
        }
        SchoolMeters.countOnCommit(context.getSession(), SchoolMeters.LOGINS, context.getRealm().getName(),
                "outcome", "chooser", "reason", SchoolMeters.NONE);
        context.getAuthenticationSession().setAuthNote(NOTE_CHOICES, person.oid() + "|"
                + String.join(",", accounts.stream().map(UserModel::getId).toList()));
        EsiaAccountView view = view(context, "chooser", person);
        view.setAccounts(chooserEntries(context, accounts));
        show(context, view, null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        EsiaPersonFacts person = person(broker);
        String accountId = context.getHttpRequest().getDecodedFormParameters().getFirst("account");
        String offered = context.getAuthenticationSession().getAuthNote(NOTE_CHOICES);
        boolean wasOffered = accountId != null && offered != null && offered.startsWith(person.oid() + "|")
                && Arrays.asList(offered.substring(offered.indexOf('|') + 1).split(",")).contains(accountId);
        // Checked again now: the link may have been removed since the page was shown.
        Optional<UserModel> account = wasOffered
                ? linkedAccounts(context.getSession(), context.getRealm(), person, role(context)).stream()
                        .filter(u -> u.getId().equals(accountId)).findFirst()
                : Optional.empty();
        if (account.isEmpty()) {
            authenticateImpl(context, serialized, broker);
            return;
        }
        context.getAuthenticationSession().removeAuthNote(NOTE_CHOICES);
        enter(context, person, account.get(), account.get().getFirstAttribute(SchoolAttributes.HOME_ORGANISATION), broker);
    }

    /** Enabled accounts linked to the person, of the role, whose card does not contradict ESIA. */
    static List<UserModel> linkedAccounts(KeycloakSession session, RealmModel realm, EsiaPersonFacts person, SchoolRole role) {
        return new EsiaLinks(session).accountsOf(realm, person.oid()).stream()
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
                        AdultAtPupilAccount.notice(session, realm, person, u, Clock.systemUTC());
                    }
                    return may;
                })
                .toList();
    }

    private static List<EsiaAccountView.Account> chooserEntries(AuthenticationFlowContext context, List<UserModel> accounts) {
        KeycloakSession session = context.getSession();
        return accounts.stream().filter(Objects::nonNull).map(u -> {
            String home = u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
            OrganizationModel org = home == null ? null : Organisations.byAlias(session, home);
            SchoolRole role = AccountFacts.of(u).role();
            return new EsiaAccountView.Account(u.getId(), u.getUsername(), org == null ? home : org.getName(), role == null ? null : role.code());
        }).toList();
    }
}
