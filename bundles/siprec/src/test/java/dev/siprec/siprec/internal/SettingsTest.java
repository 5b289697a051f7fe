package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Configuration PID dev.siprec.session: defaults and operator-readable refusals. */
class SettingsTest {

    @Test
    void defaults() {
        Settings s = Harness.settings(Map.of());
        assertEquals(500, s.maxSessions());
        assertTrue(s.acceptNonSiprec());
        assertTrue(s.access().allowsAllSources());
        assertEquals(Duration.ofSeconds(60), s.mediaTimeout());
        assertEquals(Duration.ZERO, s.maxKeyAge());
        assertEquals(30, s.retryAfterSeconds());
    }

    @Test
    void listsAcceptCommaSeparatedValues() {
        Settings s = Harness.settings(Map.of("allowed.sources", "10.0.0.0/8, ::1", "allowed.certificates", "a.example,b.example"));
        assertEquals(2, s.access().sources().size());
        assertEquals(2, s.access().certificatePatterns().size());
    }

    @Test
    void badValuesRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Harness.settings(Map.of("max.sessions", 0)))
                .getMessage().startsWith("max.sessions"));
        assertThrows(IllegalArgumentException.class, () -> Harness.settings(Map.of("media.timeout.seconds", -1)));
        assertThrows(IllegalArgumentException.class, () -> Harness.settings(Map.of("max.key.age.seconds", -5)));
        assertThrows(IllegalArgumentException.class, () -> Harness.settings(Map.of("retry.after.seconds", 0)));
    }

    @Test
    void sanitizedIds() {
        assertEquals("a_b_c_d", SessionIds.sanitize("a/b+c@d", 32));
        assertEquals("etc_passwd", SessionIds.sanitize("../etc/passwd", 32).replaceFirst("^_", ""));
        assertEquals("abc", SessionIds.sanitize("abcdef", 3));
        assertEquals("", SessionIds.sanitize(null, 3));
    }
}
