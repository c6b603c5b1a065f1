package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Issue 14: what ESIA's own crypto costs Keycloak is published apart from the rest of a login. */
class CryptoCpuTest {

    private static Timer timer(io.micrometer.core.instrument.MeterRegistry registry, String operation) {
        return registry.find(CryptoCpu.TIMER).tag("operation", operation).tag("realm", "school").timer();
    }

    /** Work that takes some CPU: a few thousand digests. */
    private static byte[] work() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] value = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            value = digest.digest(value);
        }
        return value;
    }

    @Test
    void everySignatureIsCountedWithTheCpuItTook() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        byte[] result = CryptoCpu.measure(registry, CryptoCpu.SIGN, "school", CryptoCpuTest::work);
        CryptoCpu.measure(registry, CryptoCpu.SIGN, "school", CryptoCpuTest::work);

        assertEquals(32, result.length, "the work's own result comes back");
        Timer sign = timer(registry, CryptoCpu.SIGN);
        assertEquals(2, sign.count());
        assertTrue(sign.totalTime(TimeUnit.MICROSECONDS) > 0, "CPU time recorded: " + sign.totalTime(TimeUnit.MICROSECONDS));
        assertNull(timer(registry, CryptoCpu.VERIFY), "a signature is not a verification");
    }

    @Test
    void aFailedVerificationCostsCpuTooAndItsErrorReachesTheCaller() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> CryptoCpu.measure(registry, CryptoCpu.VERIFY, "school", () -> {
            work();
            throw new IllegalStateException("signature does not verify");
        }));

        assertEquals("signature does not verify", thrown.getMessage());
        assertEquals(1, timer(registry, CryptoCpu.VERIFY).count());
    }

    @Test
    void withoutPublishedMetricsNothingIsMeasured() throws Exception {
        CompositeMeterRegistry unpublished = new CompositeMeterRegistry();
        assertEquals(32, CryptoCpu.measure(unpublished, CryptoCpu.SIGN, "school", CryptoCpuTest::work).length);
        assertNull(timer(unpublished, CryptoCpu.SIGN));
    }
}
