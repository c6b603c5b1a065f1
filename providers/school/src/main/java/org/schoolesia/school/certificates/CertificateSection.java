package org.schoolesia.school.certificates;

import java.util.Optional;

import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.personal.Me;
import org.schoolesia.school.personal.StatelessSection;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Messages;

/**
 * «Сертификат дополнительного образования» on the person's own page (R-CERT-1/2/3, seed pictures 25
 * and 26): for a pupil their own entry, for a parent one per linked child (the page's chooser), each
 * with the certificate, and the reasons when «Получить сертификат» is not offered — the same
 * {@link CertificateApplications} answer the REST API gives. Pupils and parents only.
 */
public final class CertificateSection extends StatelessSection {

    public static final String ID = "certificate";

    public CertificateSection() {
        super(ID, 50, "personal.certificate.title");
    }

    @Override
    public Optional<Object> content(Me me) {
        UserModel user = me.user();
        if (!People.hasRole(user, SchoolRole.PARENT) && !People.hasRole(user, SchoolRole.STUDENT)) {
            return Optional.empty();
        }
        Messages m = Answers.messages(me.session());
        return Optional.of(new CertificateViews.Eligibility(new CertificateApplications(me.session(), me.realm()).all(user).stream()
                .map(e -> CertificateViews.entry(e, m)).toList()));
    }
}
