package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class MediaSettingsTest {

    static MediaConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(MediaConfig.class);
    }

    private static String error(Map<String, Object> props) {
        return assertThrows(IllegalArgumentException.class, () -> MediaSettings.from(config(props))).getMessage();
    }

    @Test
    void defaults() {
        MediaSettings s = MediaSettings.from(config(Map.of()));
        assertEquals(20000, s.portMin());
        assertEquals(39999, s.portMax());
        assertEquals(10000, s.pairs());
        assertTrue(s.bind().isAnyLocalAddress());
        assertFalse(s.advertised().isAnyLocalAddress());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.ioThreads());
        assertEquals(60, s.jitterMillis());
        assertEquals(java.nio.file.Paths.get("data/raw-rtp"), s.rawDirectory());
        assertEquals(null, MediaSettings.from(config(Map.of("raw.directory", " "))).rawDirectory());
    }

    @Test
    void advertisedFollowsABindAddressAndAcceptsIpv6() {
        MediaSettings s = MediaSettings.from(config(Map.of("bind.address", "127.0.0.1")));
        assertEquals("127.0.0.1", s.advertised().getHostAddress());
        MediaSettings v6 = MediaSettings.from(config(Map.of("bind.address", "::1", "advertised.address", "[2001:db8::5]")));
        assertEquals("2001:db8:0:0:0:0:0:5", v6.advertised().getHostAddress());
    }

    @Test
    void oddMinimumStartsAtTheNextEvenPort() {
        MediaSettings s = MediaSettings.from(config(Map.of("rtp.port.min", 20001, "rtp.port.max", 20005)));
        assertEquals(2, s.pairs());
    }

    @Test
    void invalidValuesAreNamed() {
        Map<String, Object> p = new HashMap<>();
        p.put("rtp.port.min", 30000);
        p.put("rtp.port.max", 30000);
        assertTrue(error(p).contains("rtp.port.min"));
        assertTrue(error(Map.of("rtp.port.max", 70000)).contains("65535"));
        assertTrue(error(Map.of("bind.address", "media.example.com")).contains("bind.address"));
        assertTrue(error(Map.of("advertised.address", "0.0.0.0")).contains("advertised.address"));
        assertTrue(error(Map.of("io.threads", 65)).contains("io.threads"));
        assertTrue(error(Map.of("jitter.buffer.ms", -1)).contains("jitter.buffer.ms"));
        assertTrue(error(Map.of("socket.receive.buffer", 10)).contains("socket.receive.buffer"));
    }
}
