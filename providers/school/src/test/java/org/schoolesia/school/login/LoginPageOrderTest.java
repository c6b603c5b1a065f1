package org.schoolesia.school.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class LoginPageOrderTest {

    @Test
    void r_esia_1_gosuslugiComesFirstUnlessTheStepSaysPasswordFirst() {
        assertEquals(LoginPageOrder.ESIA_FIRST, OrganisationLoginConfig.of(null).loginOrder());
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(Map.of(OrganisationLoginConfig.LOGIN_ORDER, " Password-First "));
        assertEquals(LoginPageOrder.PASSWORD_FIRST, OrganisationLoginConfig.of(model).loginOrder());
        // A typo must not hide Госуслуги.
        model.setConfig(Map.of(OrganisationLoginConfig.LOGIN_ORDER, "password"));
        assertEquals(LoginPageOrder.ESIA_FIRST, OrganisationLoginConfig.of(model).loginOrder());
    }
}
