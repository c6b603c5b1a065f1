package org.schoolesia.esia.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.Spi;

/** Keycloak finds SPIs and factories through META-INF/services: a typo there fails silently at runtime. */
class SignerRegistrationTest {

    @Test
    void spiAndBothFactoriesAreRegistered() {
        Spi spi = ServiceLoader.load(Spi.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s instanceof EsiaSignerSpi).findFirst().orElseThrow();
        assertEquals("esia-signer", spi.getName());
        assertFalse(spi.isInternal());
        assertEquals(EsiaSignerProviderFactory.class, spi.getProviderFactoryClass());
        Set<String> ids = ServiceLoader.load(EsiaSignerProviderFactory.class).stream()
                .map(p -> p.get().getId()).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("bouncycastle", "http")), ids.toString());
    }
}
