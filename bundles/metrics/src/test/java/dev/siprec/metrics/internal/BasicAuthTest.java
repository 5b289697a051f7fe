package dev.siprec.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicAuthTest {
    private static String header(String s) {
        return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsOnlyTheConfiguredPair() {
        BasicAuth a = BasicAuth.of("ops", "pässwörd");
        assertTrue(a.allows(header("ops:pässwörd")));
        assertTrue(a.allows("basic " + header("ops:pässwörd").substring(6)));
        assertFalse(a.allows(header("ops:pässwör")));
        assertFalse(a.allows(header("ops:pässwörd:")));
        assertFalse(a.allows(header("Ops:pässwörd")));
        assertFalse(a.allows(null));
        assertFalse(a.allows("Basic"));
        assertFalse(a.allows("Basic " + "A".repeat(BasicAuth.MAX_HEADER)));
    }

    @Test
    void bothEmptyMeansOffAndHalfConfiguredIsRefused() {
        assertNull(BasicAuth.of("", ""));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("ops", ""));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("", "x"));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("a:b", "x"));
    }
}
