package dev.siprec.sip.transport.tcp.internal;

import dev.siprec.testing.FakeContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;

/** The DS component without a framework: service properties, live moves, bind failures, validation. */
class TcpTransportComponentTest {
    private final FakeContext fake = new FakeContext();

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bind.address", "127.0.0.1");
        m.put("port", 0);
        m.put("felix.fileinstall.filename", "file:/srv/siprec/etc/dev.siprec.transport.tcp-internal.cfg");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static TcpTransportComponent.Config config(Map<String, Object> m) {
        return Converters.standardConverter().convert(m).to(TcpTransportComponent.Config.class);
    }

    @Test
    void registersTheListenerWithItsPropertiesAndMovesItLive() throws Exception {
        Map<String, Object> p = props();
        TcpTransportComponent c = new TcpTransportComponent(fake.context(), config(p), p);
        FakeContext.Registration first = fake.registrations.get(0);
        assertEquals("TCP", first.properties.get(SipTransport.TRANSPORT));
        assertEquals("internal", first.properties.get(SipTransport.LISTENER));
        assertEquals("127.0.0.1", first.properties.get(SipTransport.ADDRESS));
        assertEquals("LISTENING", first.properties.get("sip.state"));
        int port = (Integer) first.properties.get(SipTransport.PORT);
        assertTrue(port > 0);
        assertEquals(port, first.service.localAddress().getPort());

        // the same configuration again (FileInstall re-reading the file) changes nothing
        c.modified(config(p), p);
        assertEquals(1, fake.registrations.size());

        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        Map<String, Object> moved = props("port", free);
        c.modified(config(moved), moved);
        FakeContext.Registration second = fake.registrations.get(1);
        assertEquals(free, second.properties.get(SipTransport.PORT));
        assertEquals(List.of("register " + port, "register " + free, "unregister " + port), fake.events,
                "the new endpoint opens before the old one closes");
        assertEquals(ListenerStatus.State.CLOSED, first.service.status().state());
        assertEquals(ListenerStatus.State.LISTENING, second.service.status().state());

        c.deactivate();
        assertTrue(second.unregistered);
        assertEquals(ListenerStatus.State.CLOSED, second.service.status().state());
    }

    @Test
    void aPortInUseRegistersAFailedListenerWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Object> p = props("port", taken.getLocalPort());
            TcpTransportComponent c = new TcpTransportComponent(fake.context(), config(p), p);
            FakeContext.Registration r = fake.registrations.get(0);
            assertEquals("FAILED", r.properties.get("sip.state"));
            ListenerStatus s = r.service.status();
            assertEquals(ListenerStatus.State.FAILED, s.state());
            assertTrue(s.reason().contains("cannot bind"), s.reason());
            c.deactivate();
            assertTrue(r.unregistered);
        }
    }

    @Test
    void invalidConfigurationsAreRefusedWithTheKeyInTheMessage() {
        Map<String, Object> p = props("max.connections.per.ip", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TcpTransportComponent(fake.context(), config(p), p));
        assertTrue(e.getMessage().contains("max.connections.per.ip"), e.getMessage());
        Map<String, Object> q = props("bind.address", "999.1.1.1");
        assertThrows(IllegalArgumentException.class, () -> new TcpTransportComponent(fake.context(), config(q), q));
        assertTrue(fake.registrations.isEmpty());
    }

    @Test
    void defaultsMatchTheDocumentedValues() {
        var s = TcpTransportComponent.settings(config(Map.of()), "default");
        assertEquals(5060, s.port());
        assertTrue(s.bindAddress().isAnyLocalAddress());
        assertEquals(65536, s.maxMessageBytes());
        assertEquals(600, s.idleTimeout().toSeconds());
        assertEquals(10, s.handshakeTimeout().toSeconds());
        assertEquals(10, s.messageTimeout().toSeconds());
        assertNotEquals(0, s.minBytesPerSecond());
        assertFalse(s.maxConnectionsPerIp() > s.maxConnections());
    }
}
