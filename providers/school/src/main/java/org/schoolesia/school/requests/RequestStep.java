package org.schoolesia.school.requests;

import java.time.Clock;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.school.link.EsiaFirstLoginStep;
import org.schoolesia.school.link.PasswordLinkSettings;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/** The ESIA first-login steps of «Обратиться в организацию»: what they share is the request form of this login. */
abstract class RequestStep extends EsiaFirstLoginStep {

    protected final OrganisationDirectoryCache directories;
    protected final Clock clock;

    RequestStep(OrganisationDirectoryCache directories, Clock clock) {
        this.directories = directories;
        this.clock = clock;
    }

    protected RequestForm requestForm(AuthenticationFlowContext context, BrokeredIdentityContext broker) {
        return new RequestForm(context.getSession(), context.getRealm(), directories.get(context.getSession(), context.getRealm()),
                broker.getContextData(), role(context), clock);
    }

    /** «Привязать учетную запись» is offered while the link step of this flow is open (R-LINK-4). */
    protected boolean selfLinkOpen(AuthenticationFlowContext context) {
        return PasswordLinkSettings.openNow(context, clock);
    }
}
