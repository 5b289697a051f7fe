package dev.siprec.sip.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;

/** The UDP listener on real loopback sockets (IPv4 and IPv6). */
class UdpListenerTest {

    private record Got(SipConnection flow, byte[] bytes, String error) { }

    private final BlockingQueue<Got> got = new LinkedBlockingQueue<>();
    private final SipInbound inbound = new SipInbound() {
        @Override public void received(SipConnection c, byte[] m) { got.add(new Got(c, m, null)); }
        @Override public void framingError(SipConnection c, byte[] p, String r) { got.add(new Got(c, p, r)); }
    };
    private UdpListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private UdpListener open(String host, int max) {
        listener = new UdpListener(UdpSettings.of("test", host, 0, max, 0), Clock.systemUTC());
        assertTrue(listener.open(), () -> listener.status().reason());
        listener.attach(inbound);
        return listener;
    }

    @Test
    void receivesADatagramAndRepliesFromTheListenerSocket() throws Exception {
        open("127.0.0.1", 65507);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            byte[] msg = "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(msg, msg.length, listener.localAddress()));
            Got g = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(g);
            assertArrayEquals(msg, g.bytes());
            assertEquals(client.getLocalPort(), g.flow().remote().getPort());
            g.flow().send("SIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            DatagramPacket reply = new DatagramPacket(new byte[2000], 2000);
            client.receive(reply);
            assertEquals(listener.localAddress().getPort(), reply.getPort(), "reply comes from the listening port");
            assertEquals(1, listener.status().received());
            assertEquals(1, listener.status().connections());
        }
    }

    @Test
    void acceptsTheLargestDatagramAndReportsALargerOneAsFramingError() throws Exception {
        open("127.0.0.1", 4000);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] exact = new byte[4000];
            Arrays.fill(exact, (byte) 'a');
            client.send(new DatagramPacket(exact, exact.length, listener.localAddress()));
            Got g = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(g);
            assertEquals(4000, g.bytes().length);
            assertEquals(null, g.error());
            byte[] big = new byte[4001];
            client.send(new DatagramPacket(big, big.length, listener.localAddress()));
            g = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(g);
            assertEquals("Message Too Large", g.error());
            assertEquals(1, listener.status().errors());
        }
    }

    @Test
    void a65507ByteDatagramArrivesWhole() throws Exception {
        open("127.0.0.1", 65507);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSendBufferSize(200_000);
            byte[] max = new byte[65507];
            Arrays.fill(max, (byte) 'x');
            client.send(new DatagramPacket(max, max.length, listener.localAddress()));
            Got g = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(g);
            assertEquals(65507, g.bytes().length);
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        open("::1", 65507);
        assertEquals(InetAddress.getByName("::1"), listener.localAddress().getAddress());
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            byte[] msg = "OPTIONS sip:[::1] SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(msg, msg.length, listener.localAddress()));
            Got g = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(g);
            assertEquals(InetAddress.getByName("::1"), g.flow().remote().getAddress());
        }
    }

    @Test
    void keepAliveCrlfIsNotHandedOn() throws Exception {
        open("127.0.0.1", 65507);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] ka = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(ka, ka.length, listener.localAddress()));
            byte[] msg = "X".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(msg, msg.length, listener.localAddress()));
            Got g = got.poll(5, TimeUnit.SECONDS);
            assertArrayEquals(msg, g.bytes(), "the keep-alive was skipped");
        }
    }

    @Test
    void aPortInUseFailsLoudlyWithAReason() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener = new UdpListener(UdpSettings.of("busy", "127.0.0.1", taken.getLocalPort(), 65507, 0), Clock.systemUTC());
            assertFalse(listener.open());
            ListenerStatus s = listener.status();
            assertEquals(ListenerStatus.State.FAILED, s.state());
            assertTrue(s.reason().contains(String.valueOf(taken.getLocalPort())), s.reason());
            assertFalse(listener.connection(new InetSocketAddress("127.0.0.1", 1)).isPresent());
            assertThrows(IOException.class, () -> listener.connect(new InetSocketAddress("127.0.0.1", 1), null));
        }
    }

    @Test
    void closeStopsTheListener() {
        open("127.0.0.1", 65507);
        listener.close();
        assertEquals(ListenerStatus.State.CLOSED, listener.status().state());
        assertFalse(listener.isOpen());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> UdpSettings.of("x", "0.0.0.0", 70000, 65507, 0));
        assertThrows(IllegalArgumentException.class, () -> UdpSettings.of("x", "0.0.0.0", 5060, 70000, 0));
        assertThrows(IllegalArgumentException.class, () -> UdpSettings.of("x", "not an address!", 5060, 65507, 0));
        assertEquals(InetAddress.getLoopbackAddress(), UdpSettings.of("x", "[127.0.0.1]", 1, 65507, 0).bind().getAddress());
    }

    @Test
    void listenerNamesComeFromTheConfigurationFile() {
        assertEquals("default", Addresses.listenerName(Map.of("felix.fileinstall.filename", "file:/srv/etc/dev.siprec.transport.udp-default.cfg")));
        assertEquals("internal-v6", Addresses.listenerName(Map.of("felix.fileinstall.filename", "/etc/dev.siprec.transport.udp-internal-v6.cfg")));
        assertEquals("edge", Addresses.listenerName(Map.of("service.pid", "dev.siprec.transport.udp~edge")));
        assertEquals("dev.siprec.transport.udp.1234", Addresses.listenerName(Map.of("service.pid", "dev.siprec.transport.udp.1234")));
    }
}
