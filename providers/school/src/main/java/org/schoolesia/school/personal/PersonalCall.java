package org.schoolesia.school.personal;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Refused;

/**
 * One call of the personal API, authenticated once. Security rule 4: Keycloak's own bearer-token
 * authenticator checks realm, token type, signature, expiry, the session and the audience
 * {@value #AUDIENCE} (an audience mapper on the page's client {@code school-personal} adds it), so
 * a token a relying system holds for its own use opens nothing here. Who the caller is comes from
 * the token's user, never from the request; every section reads that user's data only.
 */
public final class PersonalCall {

    /** The audience a token must carry for {@code /school/me}. */
    public static final String AUDIENCE = "school-personal-api";

    private final KeycloakSession session;
    private final Me me;
    private final Refused refusal;

    private PersonalCall(KeycloakSession session, Me me, Refused refusal) {
        this.session = session;
        this.me = me;
        this.refusal = refusal;
    }

    public static PersonalCall authenticate(KeycloakSession session) {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setAudience(AUDIENCE).authenticate();
        if (auth == null || auth.user() == null || !auth.user().isEnabled()) {
            return new PersonalCall(session, null, Refused.of(401, "unauthorized", "schoolPersonalUnauthorized"));
        }
        return new PersonalCall(session, new Me(session, session.getContext().getRealm(), auth.user()), null);
    }

    /** 200 with what {@code action} returns as JSON ({@code Cache-Control: no-store}); refusals and failures as the whole API answers them. */
    public Response answer(Function<Me, Object> action) {
        return respond(me -> Answers.json(200, action.apply(me)));
    }

    /** The answer {@code action} makes itself (a file, say); refusals and failures as the whole API answers them. */
    public Response respond(Function<Me, Response> action) {
        try {
            if (refusal != null) {
                throw refusal;
            }
            return action.apply(me);
        } catch (Refused r) {
            return Answers.refused(session, r);
        } catch (RuntimeException e) {
            return Answers.failed(session, e);
        }
    }
}
