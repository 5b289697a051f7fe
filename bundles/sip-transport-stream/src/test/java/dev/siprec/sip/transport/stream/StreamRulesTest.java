package dev.siprec.sip.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.common.PeerLog;
import org.slf4j.LoggerFactory;

/** Timeout rules on a controlled clock, caps, per-peer logging, naming and settings validation. */
class StreamRulesTest {
    private static final long S = 1_000_000_000L;

    static StreamSettings settings(int minRate) throws Exception {
        return new StreamSettings("t", InetAddress.getLoopbackAddress(), 0, Duration.ofSeconds(30), Duration.ofSeconds(5),
                10, 2, 65536, Duration.ofSeconds(10), minRate, 1);
    }

    @Test
    void timeoutRulesOnAControlledClock() throws Exception {
        Timeouts t = new Timeouts(settings(100));
        // TLS handshake not done after 5 s
        assertNull(t.check(5 * S, new Timeouts.Clocks(0, 5 * S, false, true, true, 0, 0)));
        assertEquals(Timeouts.Kind.HANDSHAKE, t.check(5 * S + 1, new Timeouts.Clocks(0, 5 * S, false, true, true, 0, 0)).kind());
        // TCP: connected but silent
        assertEquals(Timeouts.Kind.HANDSHAKE, t.check(6 * S, new Timeouts.Clocks(0, 0, true, false, true, 0, 0)).kind());
        assertNull(t.check(6 * S, new Timeouts.Clocks(0, 0, true, false, false, 0, 0)), "outbound: no first-byte rule");
        // a message in progress for more than 10 s
        Timeouts.Expiry slow = t.check(21 * S, new Timeouts.Clocks(0, 20 * S, true, true, true, 10 * S, 5000));
        assertEquals(Timeouts.Kind.SLOW_SENDER, slow.kind());
        assertTrue(slow.detail().contains("limit 10000 ms"), slow.detail());
        // below 100 bytes/s after the 2 s grace period
        assertNull(t.check(11 * S + S, new Timeouts.Clocks(0, 12 * S, true, true, true, 11 * S, 50)), "in grace");
        Timeouts.Expiry rate = t.check(14 * S, new Timeouts.Clocks(0, 14 * S, true, true, true, 11 * S, 250));
        assertEquals(Timeouts.Kind.SLOW_SENDER, rate.kind());
        assertTrue(rate.detail().contains("below 100 bytes/s"), rate.detail());
        assertNull(t.check(14 * S, new Timeouts.Clocks(0, 14 * S, true, true, true, 11 * S, 301)));
        // idle
        assertNull(t.check(40 * S, new Timeouts.Clocks(0, 10 * S, true, true, true, 0, 0)));
        assertEquals(Timeouts.Kind.IDLE, t.check(40 * S + 1, new Timeouts.Clocks(0, 10 * S, true, true, true, 0, 0)).kind());
        // a disabled rate rule
        assertNull(new Timeouts(settings(0)).check(14 * S, new Timeouts.Clocks(0, 14 * S, true, true, true, 11 * S, 1)));
    }

    @Test
    void capsCountPerIpAndInTotal() throws Exception {
        ConnectionCaps caps = new ConnectionCaps(3, 2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(a));
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(a));
        assertEquals(ConnectionCaps.Verdict.OVER_PER_IP, caps.tryAcquire(a));
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(b));
        assertEquals(ConnectionCaps.Verdict.OVER_TOTAL, caps.tryAcquire(b));
        assertEquals(ConnectionCaps.Verdict.OVER_TOTAL, caps.tryAcquire(null));
        caps.release(a);
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(null), "outbound: total cap only");
        assertEquals(3, caps.total());
    }

    @Test
    void ipv6SourcesAreCountedPerSlash64() throws Exception {
        ConnectionCaps caps = new ConnectionCaps(100, 2);
        // the attack of issue 9 item 15: a fresh interface identifier per connection
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(InetAddress.getByName("2001:db8:1:2::1")));
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(InetAddress.getByName("2001:db8:1:2::2")));
        assertEquals(ConnectionCaps.Verdict.OVER_PER_IP, caps.tryAcquire(InetAddress.getByName("2001:db8:1:2:ffff::3")));
        // another /64 is another source
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(InetAddress.getByName("2001:db8:1:3::1")));
        caps.release(InetAddress.getByName("2001:db8:1:2::1"));
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(InetAddress.getByName("2001:db8:1:2::9")),
                "a released slot of the /64 is free again");
        // IPv4 stays per address
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(InetAddress.getByName("192.0.2.1")));
        assertEquals(ConnectionCaps.Verdict.ACCEPTED, caps.tryAcquire(InetAddress.getByName("192.0.2.2")));
        assertEquals(InetAddress.getByName("2001:db8:1:2::"), ConnectionCaps.source(InetAddress.getByName("2001:db8:1:2:a:b:c:d")));
    }

    @Test
    void peerLogWritesOncePerPeerAndInterval() throws Exception {
        AtomicLong now = new AtomicLong(1);
        PeerLog log = new PeerLog(LoggerFactory.getLogger("test"), 10 * S, now::get);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        assertTrue(log.warn(a, "first {}", 1));
        assertFalse(log.warn(a, "again {}", 2));
        assertTrue(log.warn(InetAddress.getByName("192.0.2.2"), "other peer"));
        now.addAndGet(10 * S);
        assertTrue(log.warn(a, "after the interval"));
    }

    @Test
    void listenerNamesComeFromFileInstallNamedConfigurationsOrThePid() {
        assertEquals("default", Addresses.listenerName(Map.of("felix.fileinstall.filename",
                "file:/opt/siprec/etc/dev.siprec.transport.tls-default.cfg", "service.pid", "x")));
        assertEquals("internal-2", Addresses.listenerName(Map.of("felix.fileinstall.filename",
                "C:\\siprec\\etc\\dev.siprec.transport.tcp-internal-2.cfg")));
        assertEquals("edge", Addresses.listenerName(Map.of("service.pid", "dev.siprec.transport.tcp~edge")));
        assertEquals("dev.siprec.transport.tcp.1234", Addresses.listenerName(Map.of("service.pid",
                "dev.siprec.transport.tcp.1234")));
    }

    @Test
    void addressesAreWrittenInTheirShortestForm() throws Exception {
        assertEquals("::", Addresses.text(InetAddress.getByName("::")));
        assertEquals("::1", Addresses.text(InetAddress.getByName("::1")));
        assertEquals("2001:db8::1:0:0:1", Addresses.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("fe80::1", Addresses.text(InetAddress.getByName("fe80:0:0:0:0:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Addresses.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("0.0.0.0", Addresses.text(InetAddress.getByName("0.0.0.0")));
    }

    @Test
    void settingsAreValidatedWithOperatorReadableMessages() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        Duration d = Duration.ofSeconds(1);
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> new StreamSettings("t", lo, 70000, d, d, 1, 1, 65536, d, 0, 1));
        assertTrue(port.getMessage().contains("port"));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings("t", lo, 1, d, d, 0, 1, 65536, d, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings("t", lo, 1, d, d, 1, 0, 65536, d, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings("t", lo, 1, d, d, 1, 1, 100, d, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings("t", lo, 1, d, d, 1, 1, 65536, d, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings("t", lo, 1, d, d, 1, 1, 65536, d, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StreamSettings("t", lo, 1, Duration.ZERO, d, 1, 1, 65536, d, 0, 1));
        IllegalArgumentException addr = assertThrows(IllegalArgumentException.class,
                () -> StreamSettings.parseAddress("not an address!"));
        assertTrue(addr.getMessage().contains("bind.address"));
        assertEquals(InetAddress.getLoopbackAddress(), StreamSettings.parseAddress("127.0.0.1"));
        assertTrue(StreamSettings.parseAddress("[::1]").isLoopbackAddress());
        assertThrows(IllegalArgumentException.class, () -> StreamSettings.seconds(0, "idle.timeout.seconds"));
        assertEquals(Duration.ofMillis(250), StreamSettings.seconds(0.25, "x"));
    }
}
