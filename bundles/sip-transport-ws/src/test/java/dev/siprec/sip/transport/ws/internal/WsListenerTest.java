package dev.siprec.sip.transport.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.TlsCredentialSpec;
import dev.siprec.keys.internal.tls.TlsCredentialServiceImpl;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.transport.common.TlsPolicy;
import dev.siprec.testing.AnsweringInbound;
import dev.siprec.testing.TestPki;

/**
 * WS and WSS listeners against the JDK's own WebSocket client ({@code java.net.http}), a client
 * written outside this code: the {@code sip} subprotocol, one SIP message per WebSocket message in
 * both directions over the same connection, limits and caps.
 */
class WsListenerTest {
    static final String OPTIONS = "OPTIONS sip:srs@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-1\r\n"
            + "From: <sip:src@example.invalid>;tag=a\r\nTo: <sip:srs@127.0.0.1>\r\nCall-ID: c1@test\r\n"
            + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    private final List<WsListener> listeners = new ArrayList<>();

    @AfterEach
    void close() {
        listeners.forEach(WsListener::close);
    }

    private WsListener ws(int perIp, int maxMessage) {
        WsListener l = new WsListener("WS", WsTransportComponent.settings("test", "127.0.0.1", 0, 30, 5, 100, perIp,
                maxMessage, 8, 120), null);
        listeners.add(l);
        assertTrue(l.start(), () -> String.valueOf(l.status().reason()));
        return l;
    }

    /** Collects what the client receives: whole text or binary messages, and the close code. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            messages.add("binary:" + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 10 s");
            return m;
        }
    }

    static WebSocket open(HttpClient http, URI uri, Client client, String... subprotocols) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return b.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSipMessageGoesInAndTheAnswerComesBackOverTheSameWebSocket() throws Exception {
        WsListener l = ws(4, 65536);
        AnsweringInbound inbound = new AnsweringInbound();
        l.attach(inbound);
        Client client = new Client();
        WebSocket socket = open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + l.localAddress().getPort() + "/"),
                client, "sip");
        assertEquals("sip", socket.getSubprotocol());
        socket.sendText(OPTIONS, true).get(5, TimeUnit.SECONDS);
        assertEquals(OPTIONS, inbound.nextMessage());
        assertEquals(AnsweringInbound.OK, client.next(), "the answer is a text message on the same connection");
        SipConnection flow = inbound.connections.poll(5, TimeUnit.SECONDS);
        assertEquals("WS", flow.transport().transport());
        assertTrue(l.connection(flow.remote()).isPresent(), "the flow is found again for requests the server sends");
        assertTrue(flow.tls().isEmpty());

        // a message the server sends that is not UTF-8 goes as a binary frame
        flow.send(new byte[] {'S', 'I', 'P', (byte) 0xff});
        assertEquals("binary:SIP\u00ff", client.next());

        // fragments of one message are joined into one SIP message
        socket.sendText(OPTIONS.substring(0, 40), false).get(5, TimeUnit.SECONDS);
        socket.sendText(OPTIONS.substring(40), true).get(5, TimeUnit.SECONDS);
        assertEquals(OPTIONS, inbound.nextMessage());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertEquals(1000, client.closed.get(10, TimeUnit.SECONDS));
        assertTrue(await(() -> l.connection(flow.remote()).isEmpty()), "the flow is gone after the close");
        assertEquals(ListenerStatus.State.LISTENING, l.status().state());
    }

    @Test
    void anUpgradeWithoutTheSipSubprotocolIsRefused() throws Exception {
        WsListener l = ws(4, 65536);
        URI uri = URI.create("ws://127.0.0.1:" + l.localAddress().getPort() + "/");
        ExecutionException none = assertThrows(ExecutionException.class, () -> open(HttpClient.newHttpClient(), uri, new Client()));
        assertTrue(none.getCause() instanceof WebSocketHandshakeException, none.toString());
        assertEquals(400, ((WebSocketHandshakeException) none.getCause()).getResponse().statusCode());
        ExecutionException other = assertThrows(ExecutionException.class,
                () -> open(HttpClient.newHttpClient(), uri, new Client(), "chat", "xmpp"));
        assertEquals(400, ((WebSocketHandshakeException) other.getCause()).getResponse().statusCode());
        assertEquals("2", l.status().details().get("refused.subprotocol"));
        // offered among others, sip is chosen
        WebSocket ok = open(HttpClient.newHttpClient(), uri, new Client(), "chat", "sip");
        assertEquals("sip", ok.getSubprotocol());
        ok.abort();
    }

    @Test
    void aMessageOverTheLimitClosesTheConnectionWith1009() throws Exception {
        WsListener l = ws(4, 1024);
        AnsweringInbound inbound = new AnsweringInbound();
        l.attach(inbound);
        Client client = new Client();
        WebSocket socket = open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + l.localAddress().getPort() + "/"),
                client, "sip");
        // in fragments each under the frame limit, together over the message limit
        String part = "x".repeat(600);
        socket.sendText(part, false).get(5, TimeUnit.SECONDS);
        socket.sendText(part, true).get(5, TimeUnit.SECONDS);
        assertEquals(1009, client.closed.get(10, TimeUnit.SECONDS));
        assertTrue(inbound.messages.isEmpty(), "nothing over the limit reaches the SIP core");
        // one frame over the limit: Jetty's parser refuses it
        Client second = new Client();
        WebSocket s2 = open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + l.localAddress().getPort() + "/"),
                second, "sip");
        s2.sendText("y".repeat(2000), true);
        assertEquals(1009, second.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void connectionsPerSourceAreCapped() throws Exception {
        WsListener l = ws(1, 65536);
        URI uri = URI.create("ws://127.0.0.1:" + l.localAddress().getPort() + "/");
        WebSocket first = open(HttpClient.newHttpClient(), uri, new Client(), "sip");
        assertThrows(Exception.class, () -> open(HttpClient.newHttpClient(), uri, new Client(), "sip"));
        // (the JDK client may retry a connection closed at once: refused at least once)
        assertTrue(Long.parseLong(l.status().details().get("refused.max.connections.per.ip")) >= 1);
        first.abort();
        assertTrue(await(() -> l.status().connections() == 0), "the slot is released");
        open(HttpClient.newHttpClient(), uri, new Client(), "sip").abort();
    }

    /** A started WSS listener with a certificate of {@code ca}; closes the credential service with the test. */
    private WsListener wss(Path dir, TestPki pki, TestPki.Issued ca, TestPki.Issued server) throws Exception {
        Path cert = TestPki.writeCerts(dir.resolve("server.pem"), server.chain());
        Path key = TestPki.writePkcs8(dir.resolve("server.key"), server.keys().getPrivate());
        TlsCredentialServiceImpl keys = new TlsCredentialServiceImpl(dir.resolve("data"), Converters.standardConverter()
                .convert(Map.of("watch.interval.seconds", 1)).to(TlsCredentialServiceImpl.Config.class));
        var creds = keys.load(new TlsCredentialSpec("wss-test", cert.toString(), key.toString(), null, null, null, null));
        WsListener l = new WsListener("WSS", WsTransportComponent.settings("test", "127.0.0.1", 0, 30, 5, 100, 4, 65536, 8, 120),
                new WssTls(creds, TlsPolicy.of(null, null, "none")));
        listeners.add(l);
        closers.add(keys::close);
        assertTrue(l.start(), () -> String.valueOf(l.status().reason()));
        return l;
    }

    private final List<Runnable> closers = new ArrayList<>();

    @AfterEach
    void closeKeys() {
        closers.forEach(Runnable::run);
    }

    /**
     * Client-initiated renegotiation on WSS (TLS 1.2, {@code openssl s_client}, command {@code R}) is
     * refused: the connection is closed, a WebSocket upgrade sent afterwards gets no answer.
     */
    @Test
    void wssRefusesClientInitiatedRenegotiation(@TempDir Path dir) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("openssl", "version").start();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("CI")), "openssl is required in CI");
            org.junit.jupiter.api.Assumptions.abort("openssl not installed");
            return;
        }
        TestPki pki = new TestPki();
        TestPki.Issued ca = pki.ca("Test CA");
        WsListener l = wss(dir, pki, ca, pki.leaf(ca, "srs.test", List.of("localhost"), List.of("127.0.0.1")));
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + l.localAddress().getPort(),
                "-tls1_2").redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var in = p.getInputStream()) {
                byte[] b = new byte[4096];
                int n;
                while ((n = in.read(b)) >= 0) {
                    out.append(new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            } catch (java.io.IOException ignored) {
                // ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertTrue(await(() -> out.indexOf("Verify return code") >= 0), "no TLS 1.2 session: " + out);
            var stdin = p.getOutputStream();
            stdin.write("R\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stdin.flush();
            Thread.sleep(1000);
            try {
                stdin.write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: sip\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (java.io.IOException gone) {
                // s_client ended: the server closed the connection
            }
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the connection stayed open after a renegotiation request: " + out);
            assertTrue(out.indexOf("101 Switching Protocols") < 0, "upgraded after a renegotiation: " + out);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void wssCarriesSipOverTlsWithCredentialsFromTheKeysBundle(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki();
        TestPki.Issued ca = pki.ca("Test CA");
        TestPki.Issued server = pki.leaf(ca, "srs.test", List.of("localhost"), List.of("127.0.0.1"));
        WsListener l = wss(dir, pki, ca, server);
        assertTrue(l.secure());
        AnsweringInbound inbound = new AnsweringInbound();
        l.attach(inbound);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).build();
        Client client = new Client();
        WebSocket socket = open(http, URI.create("wss://localhost:" + l.localAddress().getPort() + "/sip"), client, "sip");
        socket.sendText(OPTIONS.replace("SIP/2.0/WS ", "SIP/2.0/WSS "), true).get(5, TimeUnit.SECONDS);
        inbound.nextMessage();
        assertEquals(AnsweringInbound.OK, client.next());
        SipConnection flow = inbound.connections.poll(5, TimeUnit.SECONDS);
        assertEquals("WSS", flow.transport().transport());
        assertTrue(flow.tls().isPresent());
        assertTrue(flow.tls().get().protocol().startsWith("TLSv1."), flow.tls().get().protocol());
        assertEquals(server.cert().getSubjectX500Principal().getName(), l.status().details().get("certificate.subject"));
        socket.abort();
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void utf8Detection() {
        assertTrue(WsConnection.utf8("SIP/2.0 200 OK\r\n\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(WsConnection.utf8(new byte[] {(byte) 0xc3}));
        assertTrue(SipSubprotocolGate.offersSip(List.of("chat, sip")));
        assertFalse(SipSubprotocolGate.offersSip(List.of("sips", "SIP ")));
    }

    /** Pings alone do not hold a WebSocket that no dialog uses (issue 9 item 15, as for TCP/TLS). */
    @Test
    void pingsDoNotHoldAWebSocketThatCarriesNoDialog() throws Exception {
        WsListener l = new WsListener("WS", WsTransportComponent.settings("test", "127.0.0.1", 0, 30, 5, 100, 4, 65536, 8, 1.0), null);
        listeners.add(l);
        assertTrue(l.start());
        AnsweringInbound answers = new AnsweringInbound();
        java.util.concurrent.atomic.AtomicBoolean dialog = new java.util.concurrent.atomic.AtomicBoolean(true);
        l.attach(new dev.siprec.sip.api.SipInbound() {
            @Override public void received(SipConnection c, byte[] m) { answers.received(c, m); }
            @Override public void framingError(SipConnection c, byte[] p, String r) { }
            @Override public boolean carriesDialog(SipConnection c) { return dialog.get(); }
        });
        Client client = new Client();
        WebSocket socket = open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + l.localAddress().getPort() + "/"),
                client, "sip");
        socket.sendText(OPTIONS, true).get(5, TimeUnit.SECONDS);
        assertEquals(AnsweringInbound.OK, client.next());
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(2500)) {
            socket.sendPing(ByteBuffer.allocate(0)).get(5, TimeUnit.SECONDS);
            Thread.sleep(200);
        }
        assertFalse(client.closed.isDone(), "closed although a dialog uses it");
        dialog.set(false);
        for (int i = 0; i < 50 && !client.closed.isDone(); i++) {
            socket.sendPing(ByteBuffer.allocate(0));
            Thread.sleep(200);
        }
        assertEquals(1000, client.closed.get(10, TimeUnit.SECONDS));
        assertEquals("1", l.status().details().get("closed.no.dialog"));
    }

    /** A client that connects and sends its upgrade request byte by byte, slower than the limit, is cut off. */
    @Test
    void aSlowUpgradeIsClosedAtTheHandshakeTimeout() throws Exception {
        WsListener l = new WsListener("WS", WsTransportComponent.settings("test", "127.0.0.1", 0, 30, 1.0, 100, 4, 65536, 8, 120), null);
        listeners.add(l);
        assertTrue(l.start());
        String upgrade = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n";
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", l.localAddress().getPort())) {
            s.setSoTimeout(200);
            long t0 = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < upgrade.length() && !closed; i++) {
                try {
                    s.getOutputStream().write(upgrade.charAt(i));
                    s.getOutputStream().flush();
                    closed = s.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException slow) {
                    // nothing yet: keep trickling (each byte resets Jetty's idle timeout)
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(closed, "still open after trickling the whole upgrade");
            assertTrue(ms >= 900 && ms < 5000, "closed after " + ms + " ms");
        }
        assertEquals("1", l.status().details().get("errors.handshake.timeout"));
    }
}
