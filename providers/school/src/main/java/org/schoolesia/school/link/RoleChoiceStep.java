package org.schoolesia.school.link;

import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.school.accounts.SchoolRole;

/** R-ESIA-2: the role the person enters with, asked after ESIA only when the login page or the relying system did not say. */
final class RoleChoiceStep extends EsiaFirstLoginStep {

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        if (ChosenRole.of(context.getAuthenticationSession()).isPresent()) {
            context.success();
            return;
        }
        show(context, view(context, "role", person(broker)), null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        Optional<SchoolRole> chosen = SchoolRole.of(context.getHttpRequest().getDecodedFormParameters().getFirst("role"));
        if (chosen.isEmpty()) {
            authenticateImpl(context, serialized, broker);
            return;
        }
        ChosenRole.choose(context.getAuthenticationSession(), chosen.get());
        context.success();
    }
}
