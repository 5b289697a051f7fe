package dev.siprec.sip.transport.tcp.internal;

import dev.siprec.testing.AnsweringInbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.transport.stream.LayerFactory;
import dev.siprec.sip.transport.stream.StreamListener;

/** Framing, keep-alives, limits and timeouts of the TCP listener over real loopback sockets. */
class TcpListenerTest {
    static final String OPTIONS = "OPTIONS sip:srs@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-1\r\n"
            + "From: <sip:src@127.0.0.1>;tag=a\r\nTo: <sip:srs@127.0.0.1>\r\nCall-ID: c1@test\r\n"
            + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    private final List<StreamListener> listeners = new ArrayList<>();

    static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bind.address", "127.0.0.1");
        m.put("port", 0);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    StreamListener start(AnsweringInbound inbound, Object... kv) {
        TcpTransportComponent.Config c = Converters.standardConverter().convert(config(kv))
                .to(TcpTransportComponent.Config.class);
        StreamListener l = new StreamListener("TCP", false, TcpTransportComponent.settings(c, "test"), LayerFactory.PLAIN);
        listeners.add(l);
        assertTrue(l.start(), () -> l.status().reason());
        if (inbound != null) {
            l.attach(inbound);
        }
        return l;
    }

    @AfterEach
    void closeAll() {
        listeners.forEach(StreamListener::close);
    }

    @Test
    void framesAMessageAndSendsTheAnswerBack() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, p.readResponse());
            assertEquals(OPTIONS, in.nextMessage());
            SipConnection c = in.connections.take();
            assertEquals(p.socket.getLocalPort(), c.remote().getPort());
            assertTrue(c.isOpen());
            assertTrue(l.connection(c.remote()).isPresent());
            assertTrue(c.tls().isEmpty());
            assertEquals(l, c.transport());
        }
        ListenerStatus s = l.status();
        assertEquals(ListenerStatus.State.LISTENING, s.state());
        assertEquals(1, s.received());
        assertEquals(0, s.errors());
    }

    @Test
    void framesAMessageSentByteByByte() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in);
        String invite = OPTIONS.replace("Content-Length: 0", "Content-Type: application/sdp\r\nContent-Length: 13")
                + "v=0\r\no=x 1 1\n";
        try (TestPeer p = new TestPeer(l.localAddress())) {
            for (byte b : invite.getBytes(StandardCharsets.US_ASCII)) {
                p.send(new byte[] {b});
            }
            assertEquals(AnsweringInbound.OK, p.readResponse());
        }
        assertEquals(invite, in.nextMessage());
        assertTrue(in.messages.isEmpty());
    }

    @Test
    void framesPipelinedMessagesInOrder() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in);
        String second = OPTIONS.replace("CSeq: 1", "CSeq: 2").replace("Content-Length: 0", "Content-Length: 4") + "abcd";
        String third = OPTIONS.replace("CSeq: 1", "CSeq: 3");
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS + "\r\n" + second + third);
            for (int i = 0; i < 3; i++) {
                assertEquals(AnsweringInbound.OK, p.readResponse());
            }
        }
        assertEquals(OPTIONS, in.nextMessage());
        assertEquals(second, in.nextMessage());
        assertEquals(third, in.nextMessage());
    }

    @Test
    void answersCrlfKeepAlivesWithCrlf() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send("\r\n\r\n");
            assertEquals("\r\n", p.read(2));
            p.send("\r\n\r\n\r\n\r\n");
            assertEquals("\r\n\r\n", p.read(4));
            p.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, p.readResponse());
        }
        assertEquals("3", l.status().details().get("keepalives"));
        assertEquals(OPTIONS, in.nextMessage());
    }

    @Test
    void oversizedBodyIsAFramingErrorAndClosesTheConnection() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in, "max.message.bytes", 4096);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS.replace("Content-Length: 0", "Content-Length: 5000"));
            assertEquals(AnsweringInbound.BAD, p.readResponse());
            assertTrue(p.closedWithin(10000));
        }
        AnsweringInbound.Framing f = in.nextError();
        assertEquals(413, f.status());
        assertTrue(f.reason().toLowerCase().contains("large"), f.reason());
        assertTrue(new String(f.partial(), StandardCharsets.US_ASCII).startsWith("OPTIONS sip:srs@127.0.0.1 SIP/2.0"));
        assertEquals("1", l.status().details().get("errors.framing"));
        assertEquals(1, l.status().errors());
        awaitConnections(l, 0);
    }

    @Test
    void oversizedHeaderSectionIsAFramingError() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in, "max.message.bytes", 2048);
        StringBuilder big = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\n");
        while (big.length() < 3000) {
            big.append("X-Filler: ").append("y".repeat(60)).append("\r\n");
        }
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(big.toString());
            assertEquals(AnsweringInbound.BAD, p.readResponse());
            assertTrue(p.closedWithin(10000));
        }
        AnsweringInbound.Framing f = in.nextError();
        assertEquals(513, f.status());
        assertTrue(f.partial().length <= 2048);
    }

    @Test
    void badOrMissingContentLengthIsAFramingError() throws Exception {
        for (String bad : new String[] {OPTIONS.replace("Content-Length: 0", "Content-Length: abc"),
                OPTIONS.replace("Content-Length: 0", "Content-Length: -5"),
                OPTIONS.replace("Content-Length: 0\r\n", "")}) {
            AnsweringInbound in = new AnsweringInbound();
            StreamListener l = start(in);
            try (TestPeer p = new TestPeer(l.localAddress())) {
                p.send(bad);
                assertEquals(AnsweringInbound.BAD, p.readResponse());
                assertTrue(p.closedWithin(10000));
            }
            AnsweringInbound.Framing f = in.nextError();
            assertEquals(400, f.status());
            assertTrue(f.reason().contains("Content-Length"));
            assertTrue(in.messages.isEmpty());
        }
    }

    @Test
    void binaryJunkClosesTheConnectionAndTheListenerKeepsServing() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in, "max.message.bytes", 4096);
        byte[] junk = new byte[20000];
        new Random(42).nextBytes(junk);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            try {
                p.send(junk);
            } catch (IOException reset) {
                // the server may close before all junk is written
            }
            assertTrue(p.closedWithin(10000));
        }
        in.nextError();
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, p.readResponse());
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "idle.timeout.seconds", 0.4);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            p.readResponse();
            long t0 = System.nanoTime();
            assertTrue(p.closedWithin(10000));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 250, "closed after " + ms + " ms");
        }
        assertEquals("1", l.status().details().get("closed.idle"));
    }

    @Test
    void keepAlivesPreventTheIdleTimeout() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "idle.timeout.seconds", 1.5);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            for (int i = 0; i < 8; i++) {
                Thread.sleep(250);
                p.send("\r\n\r\n");
                assertEquals("\r\n", p.read(2));
            }
            assertEquals("0", l.status().details().get("closed.idle"));
        }
    }

    /** The core's answer to {@code carriesDialog}, set by the test. */
    static final class DialogInbound implements dev.siprec.sip.api.SipInbound {
        final AnsweringInbound answers = new AnsweringInbound();
        volatile boolean dialog;

        @Override
        public void received(SipConnection connection, byte[] message) {
            answers.received(connection, message);
        }

        @Override
        public void framingError(SipConnection connection, byte[] partial, String reason) {
            answers.framingError(connection, partial, reason);
        }

        @Override
        public void framingError(SipConnection connection, byte[] partial, int status, String reason) {
            answers.framingError(connection, partial, status, reason);
        }

        @Override
        public boolean carriesDialog(SipConnection connection) {
            return dialog;
        }
    }

    /** Sends CRLF keep-alives every 200 ms until the server closes; @return ms until closed, or -1 if still open after {@code maxMs} */
    private static long keepAliveUntilClosed(TestPeer p, long maxMs) throws Exception {
        long t0 = System.nanoTime();
        while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < maxMs) {
            Thread.sleep(200);
            try {
                p.send("\r\n\r\n");
                if (!"\r\n".equals(p.read(2))) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
            } catch (IOException closed) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
        }
        return -1;
    }

    /** Issue 9 item 15: a keep-alive every few seconds must not hold a slot forever when no dialog needs it. */
    @Test
    void keepAlivesDoNotHoldAConnectionThatCarriesNoDialog() throws Exception {
        DialogInbound in = new DialogInbound();
        StreamListener l = new StreamListener("TCP", false, TcpTransportComponent.settings(Converters.standardConverter()
                .convert(config("idle.timeout.seconds", 30, "max.idle.without.dialog.seconds", 1.0))
                .to(TcpTransportComponent.Config.class), "test"), LayerFactory.PLAIN);
        listeners.add(l);
        assertTrue(l.start());
        l.attach(in);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, p.readResponse());
            long ms = keepAliveUntilClosed(p, 10_000);
            assertTrue(ms >= 700, "closed after " + ms + " ms, before the limit");
        }
        assertEquals("1", l.status().details().get("closed.no.dialog"));
        assertEquals("0", l.status().details().get("closed.idle"));
    }

    @Test
    void aConnectionThatADialogUsesIsKeptUntilTheDialogEnds() throws Exception {
        DialogInbound in = new DialogInbound();
        in.dialog = true;
        StreamListener l = new StreamListener("TCP", false, TcpTransportComponent.settings(Converters.standardConverter()
                .convert(config("idle.timeout.seconds", 30, "max.idle.without.dialog.seconds", 0.5))
                .to(TcpTransportComponent.Config.class), "test"), LayerFactory.PLAIN);
        listeners.add(l);
        assertTrue(l.start());
        l.attach(in);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, p.readResponse());
            assertEquals(-1, keepAliveUntilClosed(p, 2500), "closed although a dialog uses it");
            in.dialog = false; // the dialog ended
            assertTrue(keepAliveUntilClosed(p, 10_000) >= 0, "still open after the dialog ended");
        }
        assertEquals("1", l.status().details().get("closed.no.dialog"));
    }

    @Test
    void silentConnectionsAreClosedAfterTheHandshakeTimeout() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "handshake.timeout.seconds", 0.3);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            assertTrue(p.closedWithin(10000));
        }
        assertEquals("1", l.status().details().get("errors.handshake.timeout"));
    }

    @Test
    void aMessageThatDoesNotCompleteInTimeIsASlowSender() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "slow.sender.message.timeout.seconds", 0.4);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS.substring(0, 40));
            assertTrue(p.closedWithin(10000));
        }
        assertEquals("1", l.status().details().get("errors.slow.sender"));
    }

    @Test
    void aTricklingSenderBelowTheMinimumRateIsClosed() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "slow.sender.min.bytes.per.second", 100);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            boolean closed = false;
            for (int i = 0; i < 60 && !closed; i++) {
                try {
                    p.send(OPTIONS.substring(i, i + 1));
                    Thread.sleep(100);
                } catch (IOException e) {
                    closed = true;
                }
                closed |= !l.status().details().get("errors.slow.sender").equals("0");
            }
            assertTrue(closed);
            assertTrue(p.closedWithin(2000));
        }
        assertEquals("1", l.status().details().get("errors.slow.sender"));
    }

    @Test
    void connectionsOverThePerIpCapAreRefused() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "max.connections.per.ip", 2);
        try (TestPeer a = new TestPeer(l.localAddress()); TestPeer b = new TestPeer(l.localAddress())) {
            a.send(OPTIONS);
            a.readResponse();
            b.send(OPTIONS);
            b.readResponse();
            try (TestPeer c = new TestPeer(l.localAddress())) {
                assertTrue(c.closedWithin(10000));
            }
            assertEquals("1", l.status().details().get("refused.max.connections.per.ip"));
            assertEquals(2, l.status().connections());
        }
        awaitConnections(l, 0);
        try (TestPeer d = new TestPeer(l.localAddress())) {
            d.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, d.readResponse());
        }
    }

    @Test
    void connectionsOverTheTotalCapAreRefused() throws Exception {
        StreamListener l = start(new AnsweringInbound(), "max.connections", 1);
        try (TestPeer a = new TestPeer(l.localAddress())) {
            a.send(OPTIONS);
            a.readResponse();
            try (TestPeer b = new TestPeer(l.localAddress())) {
                assertTrue(b.closedWithin(10000));
            }
            assertEquals("1", l.status().details().get("refused.max.connections"));
        }
    }

    @Test
    void servesIpv6() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in, "bind.address", "::1");
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            assertEquals(AnsweringInbound.OK, p.readResponse());
        }
        assertEquals("::1", in.connections.take().remote().getAddress().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
        assertEquals("[::1]:" + l.localAddress().getPort(), l.status().details().get("bind"));
    }

    @Test
    void aPortInUseFailsTheListenerWithAReason() {
        StreamListener first = start(null);
        TcpTransportComponent.Config c = Converters.standardConverter()
                .convert(config("port", first.localAddress().getPort())).to(TcpTransportComponent.Config.class);
        StreamListener second = new StreamListener("TCP", false, TcpTransportComponent.settings(c, "clash"),
                LayerFactory.PLAIN);
        listeners.add(second);
        assertFalse(second.start());
        ListenerStatus s = second.status();
        assertEquals(ListenerStatus.State.FAILED, s.state());
        assertTrue(s.reason().contains("cannot bind 127.0.0.1:" + first.localAddress().getPort()), s.reason());
    }

    @Test
    void opensOutboundConnectionsAndReusesThem() throws Exception {
        AnsweringInbound serverSide = new AnsweringInbound();
        StreamListener server = start(serverSide);
        AnsweringInbound clientSide = new AnsweringInbound();
        StreamListener client = start(clientSide);
        InetSocketAddress target = server.localAddress();
        SipConnection c = client.connect(target, null);
        assertTrue(c.isOpen());
        assertEquals(target, c.remote());
        c.send(OPTIONS.getBytes(StandardCharsets.US_ASCII));
        assertEquals(OPTIONS, serverSide.nextMessage());
        // the 200 OK of the fixture comes back and is framed by the client listener
        assertEquals(AnsweringInbound.OK, clientSide.nextMessage());
        assertEquals(c, client.connect(target, null));
        assertEquals(c, client.connection(target).orElseThrow());
        c.close();
        awaitConnections(client, 0);
        assertFalse(c.isOpen());
    }

    @Test
    void connectToANonListeningPortFails() throws Exception {
        StreamListener client = start(new AnsweringInbound());
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", dead);
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> client.connect(target, null));
        assertEquals(0, client.status().connections());
    }

    @Test
    void aRequestArrivingBeforeTheCoreAttachesIsAnsweredOnceItDoes() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in);
        l.detach(in); // as between the listener's bind and the core's attach at start-up
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!"1".equals(l.status().details().get("held.no.inbound")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("1", l.status().details().get("held.no.inbound"));
            assertNull(in.messages.poll(), "nothing reaches a detached core");
            l.attach(in);
            assertEquals(AnsweringInbound.OK, p.readResponse(), "the held OPTIONS is answered over its connection");
            assertEquals(OPTIONS, in.nextMessage());
        }
        assertEquals("0", l.status().details().get("held.no.inbound"));
        assertEquals("0", l.status().details().get("dropped.no.inbound"));
    }

    @Test
    void closeEndsEveryConnection() throws Exception {
        StreamListener l = start(new AnsweringInbound());
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(OPTIONS);
            p.readResponse();
            l.close();
            assertTrue(p.closedWithin(10000));
        }
        assertEquals(ListenerStatus.State.CLOSED, l.status().state());
    }

    static void awaitConnections(StreamListener l, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (l.status().connections() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, l.status().connections());
    }

    @Test
    void theFixtureSeesTheExactBytes() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = start(in);
        byte[] body = new byte[300];
        new Random(7).nextBytes(body);
        byte[] head = OPTIONS.replace("Content-Length: 0", "Content-Length: 300").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        try (TestPeer p = new TestPeer(l.localAddress())) {
            p.send(all);
            p.readResponse();
        }
        assertArrayEquals(all, in.messages.take());
    }
}
