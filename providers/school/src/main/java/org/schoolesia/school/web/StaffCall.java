package org.schoolesia.school.web;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * One request to a staff resource, authenticated once by the root's sub-resource locator and
 * handed to the capability's resource. Security rule 4: Keycloak verifies the bearer token (realm,
 * type, signature, expiry, audience {@value #STAFF_API_AUDIENCE}); staff power comes from the
 * database through {@link StaffPower}, on every call. A refused authentication is kept and
 * answered by whichever method the request reaches, so every refusal is rendered the same way.
 */
public final class StaffCall {

    /** The audience a staff token must carry: an audience mapper on the staff page's client adds it. */
    public static final String STAFF_API_AUDIENCE = "school-staff-api";

    private final KeycloakSession session;
    private final StaffMember staff;
    /** Why the caller was not let in: a {@link Refused}, or an unexpected failure while checking. */
    private final RuntimeException refusal;

    private StaffCall(KeycloakSession session, StaffMember staff, RuntimeException refusal) {
        this.session = session;
        this.staff = staff;
        this.refusal = refusal;
    }

    public static StaffCall authenticate(KeycloakSession session, StaffPower power) {
        try {
            return new StaffCall(session, staffMember(session, power), null);
        } catch (RuntimeException e) {
            return new StaffCall(session, null, e);
        }
    }

    private static StaffMember staffMember(KeycloakSession session, StaffPower power) {
        // Only tokens meant for this API: a relying system holding a staff member's token for its
        // own use (the diary, say) must not be able to set pupils' passwords with it.
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setAudience(STAFF_API_AUDIENCE).authenticate();
        if (auth == null || auth.user() == null) {
            throw Refused.of(401, "unauthorized", "schoolStaffUnauthorized");
        }
        UserModel user = auth.user();
        // Defect 1 of issue 10: asked on every call, so removing a member ends their power at
        // once, whatever tokens they still hold.
        Optional<OrganizationModel> organisation = user.isEnabled() ? power.organisationOf(session, user) : Optional.empty();
        if (organisation.isEmpty()) {
            throw Refused.of(403, "not_staff", "schoolNotStaff");
        }
        return new StaffMember(user, organisation.get(), auth.client());
    }

    /** 200 with what {@code action} returns, written as JSON. */
    public Response answer(Function<StaffMember, Object> action) {
        return answer(200, action);
    }

    public Response answer(int status, Function<StaffMember, Object> action) {
        return respond(staff -> Answers.json(status, action.apply(staff)));
    }

    /** 204 after {@code action}. */
    public Response answerEmpty(Consumer<StaffMember> action) {
        return respond(staff -> {
            action.accept(staff);
            return Answers.noContent();
        });
    }

    /** Any refusal or failure rolls the transaction back, so nothing of the call is half-saved. */
    public Response respond(Function<StaffMember, Response> action) {
        try {
            if (refusal != null) {
                throw refusal;
            }
            return action.apply(staff);
        } catch (Refused r) {
            return Answers.refused(session, r);
        } catch (RuntimeException e) {
            return Answers.failed(session, e);
        }
    }

    /** Texts in the caller's language, for parts of an answer that are no refusal. */
    public Messages messages() {
        return Answers.messages(session);
    }
}
