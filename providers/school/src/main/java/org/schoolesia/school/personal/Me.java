package org.schoolesia.school.personal;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The caller of the personal API: an enabled account of the realm, authenticated on this request ({@link PersonalCall}). */
public record Me(KeycloakSession session, RealmModel realm, UserModel user) {
}
