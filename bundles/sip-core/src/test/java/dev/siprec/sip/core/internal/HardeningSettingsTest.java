package dev.siprec.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hardening keys of PID dev.siprec.sip: safe defaults, values an operator can type, bad ones refused with the key named. */
class HardeningSettingsTest {

    @Test
    void defaultsAreTheSafeChoice() {
        CoreSettings d = CoreSettings.defaults();
        assertEquals(CoreSettings.RefusedResponse.FORBIDDEN, d.refusedResponse());
        assertFalse(d.routeToContact());
        assertEquals(2000, d.dnsTimeoutMs());
        assertEquals(60, d.dnsCacheSeconds());
        assertEquals(32L * 1024 * 1024, d.maxRetainedBytes());
    }

    @Test
    void refusedResponseValues() {
        assertEquals(CoreSettings.RefusedResponse.FORBIDDEN, CoreSettings.RefusedResponse.parse("403"));
        assertEquals(CoreSettings.RefusedResponse.NONE, CoreSettings.RefusedResponse.parse(" None "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoreSettings.RefusedResponse.parse("404"));
        assertTrue(e.getMessage().contains("refused.response"), e.getMessage());
    }

    @Test
    void boundsNameTheirKey() {
        CoreSettings d = CoreSettings.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with(CoreSettings.RefusedResponse.NONE, false, 0, 60, 1 << 20))
                .getMessage().contains("dns.timeout.ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with(CoreSettings.RefusedResponse.NONE, false, 100, -1, 1 << 20))
                .getMessage().contains("dns.cache.seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with(CoreSettings.RefusedResponse.NONE, false, 100, 0, 1000))
                .getMessage().contains("max.retained.bytes"));
        assertEquals(0, d.with(CoreSettings.RefusedResponse.NONE, true, 1, 0, 1 << 20).dnsCacheSeconds());
    }
}
