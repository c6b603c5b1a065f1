package org.schoolesia.school.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.kernel.SnilsHash;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.link.EsiaLinks;
import org.schoolesia.school.link.EsiaUnlinks;
import org.schoolesia.school.personal.Me;
import org.schoolesia.school.personal.StatelessSection;

/**
 * «Мои обращения» on the person's own page (issue 11): the caller's access requests «Обратиться в
 * организацию» with number, organisation, status and the staff comment, so a person without an
 * e-mail learns the outcome too (R-REQ-4). A request is the caller's when it was filed with
 * the ESIA person their account is linked to, or — for an account not (yet) linked, whose owner
 * signs in with a password — with the SNILS on their card, unless the card's birth date
 * contradicts the request's or the account was unlinked from that ESIA person (defect 5: someone
 * decided they are not the same). The newest {@value #MAX} are shown.
 */
public final class MyRequestsSection extends StatelessSection {

    public static final String ID = "requests";
    static final int MAX = 50;

    /** One request as its author sees it: no SNILS, no birth dates; the comment is plain text, shown as text. */
    public record MyRequest(String number, OrganisationRef organization, String role, String status, String className,
                            String childName, String createdAt, String decidedAt, String decisionComment) {
    }

    public record MyRequests(List<MyRequest> items) {
    }

    public MyRequestsSection() {
        super(ID, 20, "personal.requests.title");
    }

    @Override
    public Optional<Object> content(Me me) {
        EntityManager em = me.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        UserModel user = me.user();
        Map<String, AccessRequestEntry> mine = new LinkedHashMap<>();
        new EsiaLinks(me.session()).linkOf(user).filter(l -> !l.pending()).ifPresent(l ->
                em.createNamedQuery("AccessRequestEntry.ofEsiaPerson", AccessRequestEntry.class)
                        .setParameter("realmId", me.realm().getId()).setParameter("oid", l.esiaOid())
                        .setMaxResults(MAX).getResultList().forEach(r -> mine.put(r.getId(), r)));
        String snils = cardSnils(user);
        if (snils != null) {
            EsiaUnlinks unlinks = new EsiaUnlinks(me.session());
            String birthdate = user.getFirstAttribute(SchoolAttributes.BIRTHDATE);
            em.createNamedQuery("AccessRequestEntry.ofSnils", AccessRequestEntry.class)
                    .setParameter("realmId", me.realm().getId())
                    .setParameter("snilsHash", SnilsHash.of(me.session()).of(me.realm().getId(), snils))
                    .setMaxResults(MAX).getResultList().stream()
                    .filter(r -> r.getBirthDate() == null || birthdate == null || r.getBirthDate().equals(birthdate))
                    .filter(r -> !unlinks.unlinked(user, r.getEsiaOid()))
                    .forEach(r -> mine.putIfAbsent(r.getId(), r));
        }
        OrganizationProvider orgs = me.session().getProvider(OrganizationProvider.class);
        List<MyRequest> items = new ArrayList<>();
        mine.values().stream().sorted(Comparator.comparingLong(AccessRequestEntry::getCreatedAt).reversed()).limit(MAX)
                .forEach(r -> items.add(view(r, orgs)));
        return Optional.of(new MyRequests(items));
    }

    private static MyRequest view(AccessRequestEntry r, OrganizationProvider orgs) {
        OrganizationModel org = orgs == null ? null : orgs.getById(r.getOrganisationId());
        String child = String.join(" ", java.util.stream.Stream.of(r.getChildLastName(), r.getChildFirstName())
                .filter(Objects::nonNull).toList());
        return new MyRequest(r.getNumber(), org == null ? null : OrganisationRef.of(org, null), r.getRole(), r.getStatus(),
                r.getClassName(), child.isBlank() ? null : child, Instant.ofEpochMilli(r.getCreatedAt()).toString(),
                r.getDecidedAt() == null ? null : Instant.ofEpochMilli(r.getDecidedAt()).toString(), r.getDecisionComment());
    }

    /** The card's SNILS as eleven digits; null when none or not a SNILS. */
    private static String cardSnils(UserModel user) {
        String value = user.getFirstAttribute(SchoolAttributes.SNILS);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Snils.parse(value).digits();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
