package org.schoolesia.school.personal;

import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.UserModel;
import org.schoolesia.school.web.Refused;

/**
 * {@code /realms/{realm}/school/me}: the caller's own page «Персональные настройки» as data.
 * {@code GET /me} answers who the caller is and every section that applies to them, in order;
 * {@code GET /me/sections/{id}} one section (404 when unknown or not applying).
 */
@Produces(MediaType.APPLICATION_JSON)
public class PersonalResource {

    /**
     * The caller as the page greets them: no SNILS, no birth date. The attribute names are the
     * user profile's ({@code accounts.SchoolAttributes}); this package knows no capability.
     */
    public record Person(String username, String lastName, String firstName, String middleName, String role) {
        static Person of(UserModel u) {
            return new Person(u.getUsername(), u.getLastName(), u.getFirstName(), u.getFirstAttribute("middleName"),
                    u.getFirstAttribute("schoolRole"));
        }
    }

    /** One section: what the page needs to place it and render it with its module. */
    public record Section(String id, int order, String titleKey, Object data) {
    }

    public record Page(Person person, List<Section> sections) {
    }

    private final PersonalCall call;

    public PersonalResource(PersonalCall call) {
        this.call = call;
    }

    @GET
    public Response page() {
        return call.answer(me -> new Page(Person.of(me.user()), sections(me)));
    }

    @GET
    @Path("sections/{id}")
    public Response section(@PathParam("id") String id) {
        return call.answer(me -> sections(me).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(Refused::notFound));
    }

    private static List<Section> sections(Me me) {
        return me.session().getAllProviders(PersonalSection.class).stream()
                .sorted(Comparator.comparingInt(PersonalSection::place).thenComparing(PersonalSection::id))
                .flatMap(s -> s.content(me).map(data -> new Section(s.id(), s.place(), s.titleKey(), data)).stream())
                .toList();
    }
}
