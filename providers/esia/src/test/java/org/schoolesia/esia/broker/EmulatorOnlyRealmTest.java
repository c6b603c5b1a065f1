package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmulatorOnlyRealmTest {

    @Test
    void defect12_anEmulatorOnlyRealmRefusesEsiasOwnHostsAndAnyOtherHost() {
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.PRODUCTION, "https://esia.gosuslugi.ru"));
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.TEST, "https://esia-portal1.test.gosuslugi.ru"));
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.PRODUCTION, "http://127.0.0.1:8081"), "production is never the emulator");
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.CUSTOM, "https://esia.gosuslugi.ru"));
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.CUSTOM, "http://localhost.example.ru:8081"));
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.CUSTOM, "http://128.0.0.1:8081"));
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.CUSTOM, null));
        assertTrue(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.CUSTOM, "not a url"));
    }

    @Test
    void defect12_anEmulatorOnlyRealmAcceptsAnEmulatorOnLoopback() {
        for (String url : new String[] {"http://localhost:8081", "http://127.0.0.1:41234", "http://esia-emulator.localhost:8081/",
                "http://[::1]:8081"}) {
            assertFalse(EmulatorOnlyRealm.refuses(true, EsiaEnvironment.CUSTOM, url), url);
        }
    }

    @Test
    void aRealmWithoutTheMarkIsNotConcerned() {
        assertFalse(EmulatorOnlyRealm.refuses(false, EsiaEnvironment.PRODUCTION, "https://esia.gosuslugi.ru"));
    }
}
