package org.schoolesia.school.requests;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

/**
 * The addressee of an outcome e-mail as Keycloak's e-mail templates expect a user: the person may
 * have no account at all (a rejected request), so this one lives in memory, carries the e-mail
 * ESIA gave, the name and the language they filed in, and is never stored.
 */
final class MailRecipient extends AbstractInMemoryUserAdapter {

    MailRecipient(KeycloakSession session, RealmModel realm, String email, String firstName, String lastName, String locale) {
        super(session, realm, "access-request-recipient");
        setUsername(email);
        setEmail(email);
        if (firstName != null) {
            setFirstName(firstName);
        }
        if (lastName != null) {
            setLastName(lastName);
        }
        if (locale != null) {
            setSingleAttribute("locale", locale);
        }
        setReadonly(true);
    }

    @Override
    public SubjectCredentialManager credentialManager() {
        throw new UnsupportedOperationException("an e-mail recipient has no credentials");
    }
}
