package org.schoolesia.school.flow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;
import org.schoolesia.school.accounts.CardValidators;

/**
 * A school realm made by an earlier version has cards without {@code school-birthdate} and
 * {@code school-plain-name} (defect 6): this adds them to its user profile, each once
 * ({@link CardValidators}); the realm attribute {@value #ADDED} remembers which were added, so an
 * admin who removes one later keeps it removed.
 */
final class CardValidatorUpgrade {

    static final String ADDED = "schoolCardValidatorsAdded";
    private static final Logger LOG = Logger.getLogger(CardValidatorUpgrade.class);

    private CardValidatorUpgrade() {
    }

    /** @return how many validators were added */
    static int upgrade(KeycloakSession session, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm); // the user profile is the context realm's
        try {
            UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
            UPConfig profile = profiles.getConfiguration().clone();
            Map<String, Set<String>> declared = declared(profile);
            if (!CardValidators.isSchoolCard(declared)) {
                return 0;
            }
            Set<String> addedBefore = addedBefore(realm);
            Map<String, String> missing = CardValidators.missing(declared, addedBefore);
            missing.forEach((attribute, validator) -> {
                UPAttribute declaration = profile.getAttribute(attribute);
                Map<String, Map<String, Object>> validations = declaration.getValidations() == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(declaration.getValidations());
                validations.put(validator, new LinkedHashMap<>());
                declaration.setValidations(validations);
            });
            if (!missing.isEmpty()) {
                profiles.setConfiguration(profile);
                LOG.infof("realm %s: user profile validators added: %s", realm.getName(), missing.entrySet().stream()
                        .map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining(", ")));
            }
            Set<String> after = CardValidators.addedAfter(addedBefore);
            if (!after.equals(addedBefore)) {
                realm.setAttribute(ADDED, String.join(",", after));
            }
            return missing.size();
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** A realm whose cards are school cards (its user profile validates SNILS with the school's validator). */
    static boolean isSchoolRealm(KeycloakSession session, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            return CardValidators.isSchoolCard(declared(session.getProvider(UserProfileProvider.class).getConfiguration()));
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** Each declared attribute with the ids of its validators. */
    private static Map<String, Set<String>> declared(UPConfig profile) {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        profile.getAttributes().forEach(a -> declared.put(a.getName(), a.getValidations() == null ? Set.of() : a.getValidations().keySet()));
        return declared;
    }

    private static Set<String> addedBefore(RealmModel realm) {
        String added = realm.getAttribute(ADDED);
        return added == null || added.isBlank() ? Set.of()
                : Arrays.stream(added.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
