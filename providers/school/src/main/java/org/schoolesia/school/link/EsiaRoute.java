package org.schoolesia.school.link;

import java.util.Locale;
import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where the not-identified and pending pages send the person next (R-LINK-1): a note of the
 * authentication session that {@link EsiaRouteCondition} reads at the head of each conditional
 * sub-flow. It disappears with every reset of the flow ("back").
 */
public enum EsiaRoute {
    /** «Привязать учетную запись» (R-LINK-2). */
    LINK,
    /** «Обратиться в организацию»: the contact page (R-REQ-1). */
    CONTACT,
    /** «Продолжить» / «Обратиться в другую организацию»: the request form (R-REQ-1, R-REQ-2). */
    REQUEST;

    public static final String NOTE = "school.esia.route";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public void take(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(NOTE, code());
    }

    public static Optional<EsiaRoute> of(String code) {
        for (EsiaRoute route : values()) {
            if (route.code().equals(code)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public static Optional<EsiaRoute> taken(AuthenticationSessionModel authSession) {
        return of(authSession.getAuthNote(NOTE));
    }
}
