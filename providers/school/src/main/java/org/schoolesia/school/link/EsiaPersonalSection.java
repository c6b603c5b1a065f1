package org.schoolesia.school.link;

import java.time.Instant;
import java.util.Optional;

import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.personal.Me;
import org.schoolesia.school.personal.StatelessSection;

/**
 * «Госуслуги» on the person's own page (issue 11): whether the caller's account is linked to an
 * ESIA person, since when and how (R-LINK-2, R-LINK-4, R-REQ-3), the oid masked, the account's
 * confirmation level as ESIA last said it (R-ESIA-4); if not linked, which text tells them how to
 * get linked. Read from {@code SCHOOL_ESIA_LINK} by the caller's own id.
 */
public final class EsiaPersonalSection extends StatelessSection {

    public static final String ID = "esia";
    /** User attributes the demo's ESIA mappers fill («confirmed account», «level»); absent: unknown. */
    static final String TRUSTED_ATTRIBUTE = "esiaTrusted";
    static final String LEVEL_ATTRIBUTE = "esiaLevel";

    /**
     * {@code status}: {@code linked}, {@code authorised} (staff authorised the card; the next
     * Госуслуги login links) or {@code none}; {@code method} a link method code; {@code since} an
     * instant; {@code trusted} and {@code level} null when unknown; {@code howToKey} the message
     * key saying what to do (null when linked).
     */
    public record EsiaStatus(String status, String method, String since, String oidMasked, Boolean trusted, String level,
                             String howToKey) {
    }

    public EsiaPersonalSection() {
        super(ID, 10, "personal.esia.title");
    }

    @Override
    public Optional<Object> content(Me me) {
        UserModel user = me.user();
        Optional<EsiaLinks.Link> link = new EsiaLinks(me.session()).linkOf(user);
        if (link.isEmpty()) {
            return Optional.of(new EsiaStatus("none", null, null, null, null, null, howTo(user)));
        }
        EsiaLinks.Link l = link.get();
        String since = Instant.ofEpochMilli(l.createdAt()).toString();
        String method = l.method() == null ? null : l.method().code();
        if (l.pending()) {
            return Optional.of(new EsiaStatus("authorised", method, since, null, null, null, "personal.esia.howTo.authorised"));
        }
        String trusted = user.getFirstAttribute(TRUSTED_ATTRIBUTE);
        return Optional.of(new EsiaStatus("linked", method, since, MaskedOid.of(l.esiaOid()),
                trusted == null ? null : Boolean.valueOf(trusted), user.getFirstAttribute(LEVEL_ATTRIBUTE), null));
    }

    /** Staff are linked by their administrator; parents and pupils ask their organisation (R-LINK-4, R-REQ-1). */
    private static String howTo(UserModel user) {
        return People.hasRole(user, SchoolRole.STAFF) ? "personal.esia.howTo.staff" : "personal.esia.howTo.request";
    }
}
