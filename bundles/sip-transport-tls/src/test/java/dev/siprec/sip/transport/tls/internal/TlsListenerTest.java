package dev.siprec.sip.transport.tls.internal;

import dev.siprec.testing.TestPki;
import dev.siprec.testing.AnsweringInbound;

import static dev.siprec.sip.transport.tls.internal.TlsTestSupport.OPTIONS;
import static dev.siprec.sip.transport.tls.internal.TlsTestSupport.clientContext;
import static dev.siprec.sip.transport.tls.internal.TlsTestSupport.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.TlsDetails;
import dev.siprec.sip.transport.stream.StreamListener;

/** The TLS listener against JSSE clients: versions, mutual TLS, plain text, reload, outbound validation. */
class TlsListenerTest {
    @TempDir
    Path dir;
    private TlsTestSupport t;

    @BeforeEach
    void setUp() throws Exception {
        t = new TlsTestSupport(dir);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void tls13IsNegotiatedAndARequestIsAnswered() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        assertEquals(AnsweringInbound.OK, exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3"));
        assertEquals(OPTIONS, in.nextMessage());
        TlsDetails d = in.connections.take().tls().orElseThrow();
        assertEquals("TLSv1.3", d.protocol());
        assertTrue(d.cipherSuite().startsWith("TLS_AES_") || d.cipherSuite().startsWith("TLS_CHACHA20"));
        assertTrue(d.peerCertificates().isEmpty());
        assertTrue(l.secure());
        assertTrue(l.reliable());
        assertEquals("TLS", l.transport());
    }

    @Test
    void tls12WorksWithAnEcdheAeadSuite() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        assertEquals(AnsweringInbound.OK, exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.2"));
        TlsDetails d = in.connections.take().tls().orElseThrow();
        assertEquals("TLSv1.2", d.protocol());
        assertTrue(d.cipherSuite().startsWith("TLS_ECDHE_ECDSA_WITH_") && d.cipherSuite().contains("GCM")
                || d.cipherSuite().contains("CHACHA20"), d.cipherSuite());
    }

    @Test
    void aListenerLimitedToTls13RefusesTls12() throws Exception {
        StreamListener l = t.listener(new AnsweringInbound(), "protocols", new String[] {"TLSv1.3"});
        assertThrows(IOException.class, () -> exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.2"));
        awaitDetail(l, "errors.handshake", "1");
    }

    @Test
    void plainTextOnTheTlsPortIsRefusedAndCounted() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        try (Socket s = new Socket(l.localAddress().getAddress(), l.localAddress().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(OPTIONS.getBytes(StandardCharsets.US_ASCII));
            String answer = drain(s.getInputStream());
            assertTrue(!answer.contains("SIP/2.0"), answer);
        }
        awaitDetail(l, "errors.handshake", "1");
        assertTrue(in.messages.isEmpty());
        // the listener keeps serving
        assertEquals(AnsweringInbound.OK, exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3"));
    }

    @Test
    void binaryJunkAndAFakeOversizedRecordAreRefusedAndTheListenerKeepsServing() throws Exception {
        StreamListener l = t.listener(new AnsweringInbound());
        byte[] junk = new byte[5000];
        new java.util.Random(3).nextBytes(junk);
        // a TLS record header announcing a 64 KiB handshake record, more than TLS allows (RFC 8446 §5.1)
        byte[] huge = new byte[5 + 20000];
        huge[0] = 22;
        huge[1] = 3;
        huge[2] = 3;
        huge[3] = (byte) 0xff;
        huge[4] = (byte) 0xff;
        int n = 0;
        for (byte[] input : new byte[][] {junk, huge}) {
            try (Socket s = new Socket(l.localAddress().getAddress(), l.localAddress().getPort())) {
                s.setSoTimeout(15000);
                try {
                    s.getOutputStream().write(input);
                } catch (IOException closedEarly) {
                    // the server may close before everything is written
                }
                String answer = drain(s.getInputStream());
                assertTrue(!answer.contains("SIP/2.0"), answer);
            }
            awaitDetail(l, "errors.handshake", Integer.toString(++n));
        }
        assertEquals(AnsweringInbound.OK, exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3"));
    }

    @Test
    void anOversizedMessageOverTlsIsAFramingError() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in, "max.message.bytes", 4096);
        try (SSLSocket s = TlsTestSupport.open(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3")) {
            s.getOutputStream().write(OPTIONS.replace("Content-Length: 0", "Content-Length: 10000")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(AnsweringInbound.BAD, TlsTestSupport.readResponse(s.getInputStream()));
            assertEquals(-1, s.getInputStream().read());
        }
        assertEquals(413, in.nextError().status());
    }

    @Test
    void mutualTlsNeedAcceptsATrustedClientAndExposesItsCertificate() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in, "client.auth", "need", "truststore", t.caPem.toString());
        TestPki.Issued client = t.pki.leaf(t.ca, "recording-client", List.of(), List.of());
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            assertEquals(AnsweringInbound.OK, exchange(clientContext(client, t.ca.cert()), l.localAddress(), protocol));
            List<X509Certificate> peer = in.connections.take().tls().orElseThrow().peerCertificates();
            assertEquals(client.cert(), peer.get(0));
        }
        assertEquals("need", l.status().details().get("client.auth"));
    }

    @Test
    void mutualTlsNeedRefusesMissingUntrustedAndExpiredClientCertificates() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in, "client.auth", "need", "truststore", t.caPem.toString());
        TestPki.Issued stranger = t.pki.leaf(t.pki.ca("Other CA"), "stranger", List.of(), List.of());
        TestPki.Issued expired = t.pki.expiredLeaf(t.ca, "expired-client");
        int failures = 0;
        for (TestPki.Issued who : new TestPki.Issued[] {null, stranger, expired}) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                SSLContext ctx = clientContext(who, t.ca.cert());
                assertThrows(IOException.class, () -> exchange(ctx, l.localAddress(), protocol),
                        (who == null ? "no certificate" : who.cert().getSubjectX500Principal().getName()) + " " + protocol);
                failures++;
            }
        }
        awaitDetail(l, "errors.handshake", Integer.toString(failures));
        assertTrue(in.messages.isEmpty());
    }

    @Test
    void mutualTlsWantAcceptsClientsWithoutCertificates() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in, "client.auth", "want", "truststore", t.caPem.toString());
        assertEquals(AnsweringInbound.OK, exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3"));
        assertTrue(in.connections.take().tls().orElseThrow().peerCertificates().isEmpty());
        TestPki.Issued client = t.pki.leaf(t.ca, "recording-client", List.of(), List.of());
        assertEquals(AnsweringInbound.OK, exchange(clientContext(client, t.ca.cert()), l.localAddress(), "TLSv1.3"));
        assertEquals(client.cert(), in.connections.take().tls().orElseThrow().peerCertificates().get(0));
    }

    @Test
    void aReplacedCertificateIsUsedForNewConnections() throws Exception {
        StreamListener l = t.listener(new AnsweringInbound());
        SSLContext ctx = clientContext(null, t.ca.cert());
        assertEquals(t.server.cert(), presented(ctx, l.localAddress()));
        TestPki.Issued renewed = t.pki.leaf(t.ca, "srs-renewed", List.of("localhost"), List.of("127.0.0.1"));
        try (SSLSocket kept = TlsTestSupport.open(ctx, l.localAddress(), "TLSv1.3")) {
            TestPki.writePkcs8(t.serverKey, renewed.keys().getPrivate());
            TestPki.writeCerts(t.serverCert, renewed.chain());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            X509Certificate seen = null;
            while (System.nanoTime() < deadline && !renewed.cert().equals(seen)) {
                Thread.sleep(50);
                seen = presented(ctx, l.localAddress());
            }
            assertEquals(renewed.cert(), seen);
            // the connection opened before the reload still works
            kept.getOutputStream().write(OPTIONS.getBytes(StandardCharsets.US_ASCII));
            assertEquals(AnsweringInbound.OK, TlsTestSupport.readResponse(kept.getInputStream()));
        }
        assertEquals("CN=srs-renewed", l.status().details().get("certificate.subject"));
    }

    @Test
    void statusShowsTlsFacts() throws Exception {
        StreamListener l = t.listener(null);
        Map<String, String> d = l.status().details();
        assertEquals(ListenerStatus.State.LISTENING, l.status().state());
        assertEquals("TLSv1.3,TLSv1.2", d.get("tls.protocols"));
        assertEquals("CN=srs.test", d.get("certificate.subject"));
        assertEquals(t.server.cert().getNotAfter().toInstant().toString(), d.get("certificate.notAfter"));
        assertEquals("none", d.get("client.auth"));
        assertTrue(d.get("tls.cipher.suites").startsWith("TLS_AES_256_GCM_SHA384"));
    }

    @Test
    void aSilentClientIsClosedAfterTheHandshakeTimeout() throws Exception {
        StreamListener l = t.listener(null, "handshake.timeout.seconds", 0.3);
        try (Socket s = new Socket(l.localAddress().getAddress(), l.localAddress().getPort())) {
            s.setSoTimeout(5000);
            assertEquals(-1, s.getInputStream().read());
        }
        awaitDetail(l, "errors.handshake.timeout", "1");
    }

    @Test
    void aGeneratedSelfSignedCertificateServesWhenNoneIsConfigured() throws Exception {
        StreamListener l = t.listener(new AnsweringInbound(), "self.signed", true);
        String subject = l.status().details().get("certificate.subject");
        assertTrue(subject.contains("self-signed test"), subject);
        assertThrows(IOException.class, () -> exchange(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3"),
                "a client trusting only the test CA refuses the self-signed certificate");
    }

    @Test
    void outboundConnectionsValidateTheServerCertificateAndName() throws Exception {
        AnsweringInbound serverSide = new AnsweringInbound();
        StreamListener server = t.listener(serverSide);
        AnsweringInbound clientSide = new AnsweringInbound();
        StreamListener client = t.listener(clientSide, "truststore", t.caPem.toString());
        InetSocketAddress target = server.localAddress();

        SipConnection c = client.connect(target, "localhost");
        assertEquals("TLSv1.3", c.tls().orElseThrow().protocol());
        assertEquals(t.server.cert(), c.tls().orElseThrow().peerCertificates().get(0));
        c.send(OPTIONS.getBytes(StandardCharsets.US_ASCII));
        assertEquals(OPTIONS, serverSide.nextMessage());
        assertEquals(AnsweringInbound.OK, clientSide.nextMessage());
        c.close();
        awaitConnections(client, 0);

        IOException wrongName = assertThrows(IOException.class, () -> client.connect(target, "wrong.example"));
        assertTrue(String.valueOf(wrongName.getMessage()).toLowerCase().contains("name")
                || String.valueOf(wrongName.getMessage()).contains("wrong.example"), wrongName.toString());
        awaitConnections(client, 0);
        // IP literal validation against the iPAddress SAN
        SipConnection byIp = client.connect(target, null);
        assertTrue(byIp.isOpen());
        byIp.close();
    }

    @Test
    void ipv6ListenersAndOutboundValidationAgainstAnIpv6Address() throws Exception {
        AnsweringInbound serverSide = new AnsweringInbound();
        StreamListener server = t.listener(serverSide, "bind.address", "::1");
        StreamListener client = t.listener(new AnsweringInbound(), "bind.address", "::1",
                "truststore", t.caPem.toString());
        SipConnection c = client.connect(server.localAddress(), "[::1]");
        c.send(OPTIONS.getBytes(StandardCharsets.US_ASCII));
        assertEquals(OPTIONS, serverSide.nextMessage());
        assertTrue(serverSide.connections.take().remote().getAddress() instanceof java.net.Inet6Address);
        assertEquals(AnsweringInbound.OK, exchange(clientContext(null, t.ca.cert()), server.localAddress(), "TLSv1.3"));
    }

    @Test
    void outboundConnectionsRefuseAnUntrustedServer() throws Exception {
        StreamListener selfSigned = t.listener(new AnsweringInbound(), "self.signed", true);
        StreamListener client = t.listener(new AnsweringInbound(), "truststore", t.caPem.toString());
        assertThrows(IOException.class, () -> client.connect(selfSigned.localAddress(), "localhost"));
        awaitConnections(client, 0);
    }

    @Test
    void outboundConnectionsPresentTheOwnCertificateWhenAsked() throws Exception {
        AnsweringInbound serverSide = new AnsweringInbound();
        StreamListener server = t.listener(serverSide, "client.auth", "need", "truststore", t.caPem.toString());
        TestPki.Issued clientId = t.pki.leaf(t.ca, "srs-client", List.of("localhost"), List.of());
        Path cert = TestPki.writeCerts(dir.resolve("client.pem"), clientId.chain());
        Path key = TestPki.writePkcs8(dir.resolve("client.key"), clientId.keys().getPrivate());
        StreamListener client = t.listener(new AnsweringInbound(), "truststore", t.caPem.toString(),
                "certificate", cert.toString(), "private.key", key.toString());
        SipConnection c = client.connect(server.localAddress(), "localhost");
        c.send(OPTIONS.getBytes(StandardCharsets.US_ASCII));
        assertEquals(OPTIONS, serverSide.nextMessage());
        assertEquals(clientId.cert(), serverSide.connections.take().tls().orElseThrow().peerCertificates().get(0));
    }

    @Test
    void pipelinedMessagesAndKeepAlivesWorkOverTls() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        try (SSLSocket s = TlsTestSupport.open(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3")) {
            var out = s.getOutputStream();
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] pong = s.getInputStream().readNBytes(2);
            assertEquals("\r\n", new String(pong, StandardCharsets.US_ASCII));
            byte[] two = (OPTIONS + OPTIONS.replace("CSeq: 1", "CSeq: 2")).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < two.length; i += 7) {
                out.write(two, i, Math.min(7, two.length - i));
                out.flush();
            }
            assertEquals(AnsweringInbound.OK, TlsTestSupport.readResponse(s.getInputStream()));
            assertEquals(AnsweringInbound.OK, TlsTestSupport.readResponse(s.getInputStream()));
        }
        assertEquals(OPTIONS, in.nextMessage());
        assertTrue(in.nextMessage().contains("CSeq: 2 OPTIONS"));
    }

    @Test
    void aFramingErrorOverTlsIsReportedAndTheConnectionClosed() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        try (SSLSocket s = TlsTestSupport.open(clientContext(null, t.ca.cert()), l.localAddress(), "TLSv1.3")) {
            s.getOutputStream().write(OPTIONS.replace("Content-Length: 0\r\n", "").getBytes(StandardCharsets.US_ASCII));
            assertEquals(AnsweringInbound.BAD, TlsTestSupport.readResponse(s.getInputStream()));
            assertEquals(-1, s.getInputStream().read());
        }
        assertTrue(in.nextError().reason().contains("Content-Length"));
    }

    private static X509Certificate presented(SSLContext ctx, InetSocketAddress target) throws IOException {
        try (SSLSocket s = TlsTestSupport.open(ctx, target, "TLSv1.3")) {
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private static String drain(InputStream in) {
        StringBuilder sb = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                sb.append((char) b);
            }
        } catch (IOException e) {
            // reset counts as closed
        }
        return sb.toString();
    }

    static void awaitDetail(StreamListener l, String key, String value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!value.equals(l.status().details().get(key)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(value, l.status().details().get(key), key);
    }

    static void awaitConnections(StreamListener l, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (l.status().connections() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, l.status().connections());
    }

    @Test
    void differentCertificatesGiveDifferentFingerprints() throws Exception {
        StreamListener a = t.listener(null);
        StreamListener b = t.listener(null, "self.signed", true);
        assertNotEquals(a.status().details().get("certificate.fingerprint"),
                b.status().details().get("certificate.fingerprint"));
    }
}
