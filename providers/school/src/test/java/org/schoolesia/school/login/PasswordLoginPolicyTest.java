package org.schoolesia.school.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

/** R-ESIA-1: the realm switch for password login. */
class PasswordLoginPolicyTest {

    @Test
    void r_esia_1_defaultIsOn() {
        assertEquals(PasswordLoginPolicy.ON, PasswordLoginPolicy.resolve(null, null));
        assertEquals(PasswordLoginPolicy.ON, OrganisationLoginConfig.of(null).passwordLogin(null));
    }

    @Test
    void r_esia_1_realmAttributeAppliesWhenTheStepFollowsTheRealm() {
        assertEquals(PasswordLoginPolicy.ESIA_ONLY, PasswordLoginPolicy.resolve("realm", "esia-only"));
        assertEquals(PasswordLoginPolicy.ESIA_ONLY, OrganisationLoginConfig.of(null).passwordLogin(" ESIA-ONLY "));
    }

    @Test
    void r_esia_1_stepSettingWinsOverTheRealmAttribute() {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(Map.of(OrganisationLoginConfig.PASSWORD_LOGIN, "esia-only"));
        assertEquals(PasswordLoginPolicy.ESIA_ONLY, OrganisationLoginConfig.of(model).passwordLogin("on"));
        model.setConfig(Map.of(OrganisationLoginConfig.PASSWORD_LOGIN, "on"));
        assertEquals(PasswordLoginPolicy.ON, OrganisationLoginConfig.of(model).passwordLogin("esia-only"));
    }

    @Test
    void aMistypedRealmAttributeFailsClosedWithoutLockingAnyoneOut() {
        // R-ESIA-1: the operator meant a restriction; ESIA_ONLY still admits accounts without ESIA.
        assertEquals(PasswordLoginPolicy.ESIA_ONLY, PasswordLoginPolicy.resolve("realm", "esia_only"));
        assertEquals(PasswordLoginPolicy.ESIA_ONLY, PasswordLoginPolicy.resolve(null, "off"));
        // An unknown step setting means "follow the realm".
        assertEquals(PasswordLoginPolicy.ON, PasswordLoginPolicy.resolve("off", null));
    }
}
