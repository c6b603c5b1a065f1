package org.schoolesia.school.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.school.family.FamilyAudit;
import org.schoolesia.school.invitations.InvitationAudit;
import org.schoolesia.school.kernel.SchoolMeters;
import org.schoolesia.school.link.LinkAudit;
import org.schoolesia.school.requests.RequestAudit;

/**
 * Counts the school's audit events (and Keycloak's own ESIA logins) on {@link SchoolMeters}; new links
 * are counted where every link is written ({@code link.EsiaLinks}). Events are read as
 * the events are written, counted when the session's transaction commits, as Keycloak's own
 * user-event meters are. Tag values come from closed sets (methods, reasons, steps, sources).
 */
final class SchoolMetricsListener implements EventListenerProvider {

    private record Count(String name, String realm, String[] tags) {
    }

    private final KeycloakSession session;
    private final List<Count> counts = new ArrayList<>();

    SchoolMetricsListener(KeycloakSession session) {
        this.session = session;
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                counts.forEach(c -> SchoolMeters.count(c.name(), c.realm(), c.tags()));
                counts.clear();
            }

            @Override
            protected void rollbackImpl() {
                counts.clear();
            }
        });
    }

    @Override
    public void onEvent(Event event) {
        Map<String, String> d = event.getDetails() == null ? Map.of() : event.getDetails();
        String realm = event.getRealmName() != null ? event.getRealmName() : event.getRealmId();
        switch (event.getType()) {
            case LOGIN -> {
                if (esia(d.get(Details.IDENTITY_PROVIDER))) {
                    add(SchoolMeters.LOGINS, realm, "outcome", "linked", "reason", SchoolMeters.NONE);
                }
            }
            case FEDERATED_IDENTITY_LINK_ERROR -> {
                if ("refused".equals(d.get(LinkAudit.SCHOOL_LINK))) {
                    add(SchoolMeters.LOGINS, realm, "outcome", "refused", "reason", value(d.get(Details.REASON)));
                }
            }
            case CUSTOM_REQUIRED_ACTION -> {
                String action = d.get(Details.CUSTOM_REQUIRED_ACTION);
                if (RequestAudit.ACTION.equals(action)) {
                    add(SchoolMeters.ACCESS_REQUESTS, realm, "step", value(d.get(RequestAudit.STEP)));
                } else if (FamilyAudit.ACTION.equals(action)) {
                    add(SchoolMeters.FAMILY_LINKS, realm, "step", value(d.get(FamilyAudit.STEP)), "source", value(d.get(FamilyAudit.SOURCE)));
                }
            }
            case CUSTOM_REQUIRED_ACTION_ERROR -> {
                if (InvitationAudit.ACTION.equals(d.get(Details.CUSTOM_REQUIRED_ACTION)) && "refused".equals(d.get(InvitationAudit.STEP))) {
                    add(SchoolMeters.REDEMPTIONS_REFUSED, realm, "reason", value(d.get(InvitationAudit.REASON)));
                }
            }
            default -> {
            }
        }
    }

    /** Keycloak's LOGIN names the identity provider by alias: ours whatever the realm calls it. */
    private boolean esia(String alias) {
        if (alias == null) {
            return false;
        }
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        return provider != null && EsiaIdentityProviderFactory.PROVIDER_ID.equals(provider.getProviderId());
    }

    private static String value(String v) {
        return v == null || v.isBlank() ? SchoolMeters.NONE : v;
    }

    private void add(String name, String realm, String... tags) {
        counts.add(new Count(name, realm, tags));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
