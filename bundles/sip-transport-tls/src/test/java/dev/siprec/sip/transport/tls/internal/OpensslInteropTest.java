package dev.siprec.sip.transport.tls.internal;

import dev.siprec.testing.TestPki;
import dev.siprec.testing.AnsweringInbound;

import static dev.siprec.sip.transport.tls.internal.TlsTestSupport.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.sip.transport.stream.StreamListener;

/**
 * The TLS listener against OpenSSL's {@code s_client}: TLS 1.3 and 1.2 succeed, TLS 1.1 fails even
 * when the client really offers it ({@code @SECLEVEL=0}), and mutual TLS accepts a trusted client
 * certificate and refuses an untrusted, expired or missing one. A SIP request is sent after each
 * handshake and the answer read, because with TLS 1.3 s_client reports the connection before the
 * server's rejection of its certificate arrives.
 */
class OpensslInteropTest {
    @TempDir
    Path dir;
    private TlsTestSupport t;

    @BeforeAll
    static void openssl() {
        OpensslPeer.requireOpenssl();
    }

    @BeforeEach
    void setUp() throws Exception {
        t = new TlsTestSupport(dir);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private List<String> verifying(String... more) {
        List<String> o = new ArrayList<>(List.of("-CAfile", t.caPem.toString(), "-verify_return_error",
                "-verify_ip", "127.0.0.1"));
        o.addAll(List.of(more));
        return o;
    }

    @Test
    void tls13Succeeds() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        OpensslPeer.Result r = OpensslPeer.exchange(l.localAddress(), OPTIONS, verifying("-tls1_3"));
        assertTrue(r.answered(), r.toString());
        assertTrue(r.stderr().contains("Protocol version: TLSv1.3"), r.stderr());
        assertEquals(OPTIONS, in.nextMessage());
    }

    @Test
    void tls12Succeeds() throws Exception {
        StreamListener l = t.listener(new AnsweringInbound());
        OpensslPeer.Result r = OpensslPeer.exchange(l.localAddress(), OPTIONS, verifying("-tls1_2"));
        assertTrue(r.answered(), r.toString());
        assertTrue(r.stderr().contains("Protocol version: TLSv1.2"), r.stderr());
        assertTrue(r.stderr().matches("(?s).*Ciphersuite: ECDHE-ECDSA-(AES\\d+-GCM|CHACHA20-POLY1305).*"), r.stderr());
    }

    @Test
    void tls11FailsEvenWhenTheClientReallyOffersIt() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in);
        OpensslPeer.Result r = OpensslPeer.exchange(l.localAddress(), OPTIONS,
                verifying("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"));
        assertFalse(r.answered(), r.toString());
        assertTrue(r.exitCode() != 0, r.toString());
        // the server saw and refused the TLS 1.1 ClientHello: the client offered it for real
        TlsListenerTest.awaitDetail(l, "errors.handshake", "1");
        assertTrue(in.messages.isEmpty());
    }

    @Test
    void mutualTlsAcceptsATrustedClientCertificate() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in, "client.auth", "need", "truststore", t.caPem.toString());
        TestPki.Issued client = t.pki.leaf(t.ca, "recording-client", List.of(), List.of());
        Path cert = TestPki.writeCerts(dir.resolve("client.pem"), client.chain());
        Path key = TestPki.writePkcs8(dir.resolve("client.key"), client.keys().getPrivate());
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            OpensslPeer.Result r = OpensslPeer.exchange(l.localAddress(), OPTIONS,
                    verifying(version, "-cert", cert.toString(), "-key", key.toString()));
            assertTrue(r.answered(), version + " " + r);
            assertEquals(client.cert(), in.connections.take().tls().orElseThrow().peerCertificates().get(0));
        }
    }

    @Test
    void mutualTlsRefusesUntrustedExpiredAndMissingClientCertificates() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        StreamListener l = t.listener(in, "client.auth", "need", "truststore", t.caPem.toString());
        TestPki.Issued stranger = t.pki.leaf(t.pki.ca("Other CA"), "stranger", List.of(), List.of());
        TestPki.Issued expired = t.pki.expiredLeaf(t.ca, "expired-client");
        int refused = 0;
        for (TestPki.Issued who : new TestPki.Issued[] {stranger, expired, null}) {
            for (String version : List.of("-tls1_3", "-tls1_2")) {
                List<String> opts = verifying(version);
                if (who != null) {
                    String n = who.cert().getSerialNumber().toString();
                    opts.addAll(List.of("-cert", TestPki.writeCerts(dir.resolve(n + ".pem"), who.chain()).toString(),
                            "-key", TestPki.writePkcs8(dir.resolve(n + ".key"), who.keys().getPrivate()).toString()));
                }
                OpensslPeer.Result r = OpensslPeer.exchange(l.localAddress(), OPTIONS, opts);
                assertFalse(r.answered(), version + " " + (who == null ? "without certificate" : who.cert()
                        .getSubjectX500Principal()) + ": " + r);
                refused++;
            }
        }
        TlsListenerTest.awaitDetail(l, "errors.handshake", Integer.toString(refused));
        assertTrue(in.messages.isEmpty());
        // and the listener still serves a good client
        TestPki.Issued good = t.pki.leaf(t.ca, "recording-client", List.of(), List.of());
        OpensslPeer.Result ok = OpensslPeer.exchange(l.localAddress(), OPTIONS, verifying("-tls1_3",
                "-cert", TestPki.writeCerts(dir.resolve("good.pem"), good.chain()).toString(),
                "-key", TestPki.writePkcs8(dir.resolve("good.key"), good.keys().getPrivate()).toString()));
        assertTrue(ok.answered(), ok.toString());
    }

    /**
     * testssl.sh flagged "Secure Client-Initiated Renegotiation VULNERABLE": a client could make the
     * server redo the expensive handshake at will on one connection. With {@code s_client -tls1_2}, a
     * line {@code R} asks for a renegotiation: the server must refuse it and close the connection, so
     * that a request sent afterwards gets no answer. (Without the fix the JDK renegotiates and answers.)
     */
    @Test
    void clientInitiatedRenegotiationIsRefused() throws Exception {
        AnsweringInbound in = new AnsweringInbound();
        // no slow-sender rule: only the renegotiation may end this connection
        StreamListener l = t.listener(in, "slow.sender.min.bytes.per.second", 0, "slow.sender.message.timeout.seconds", 60);
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + l.localAddress().getPort())); // no -ign_eof: it turns the R command off
        cmd.addAll(verifying("-tls1_2"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var r = new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                char[] buf = new char[4096];
                int n;
                while ((n = r.read(buf)) >= 0) {
                    synchronized (out) {
                        out.append(buf, 0, n);
                    }
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            var stdin = p.getOutputStream();
            stdin.write(OPTIONS.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stdin.flush();
            assertTrue(await(() -> count(out, "SIP/2.0 200 OK") == 1), "no answer before the renegotiation: " + out);
            assertEquals(1, l.status().connections());
            stdin.write("R\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stdin.flush();
            assertTrue(await(() -> l.status().connections() == 0),
                    "the server kept the connection after a renegotiation request: " + out);
            try {
                stdin.write(OPTIONS.replace("c1@test", "c2@test").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (java.io.IOException gone) {
                // s_client already ended: the connection is closed
            }
            Thread.sleep(500);
            assertEquals(1, count(out, "SIP/2.0 200 OK"), "answered after a renegotiation: " + out);
            assertEquals(1, in.messages.size(), "a request after the renegotiation reached the core");
        } finally {
            p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The TLS handshake computations run on the listener's handshake pool, not on its I/O threads. */
    @Test
    void handshakesRunOnTheHandshakePool() throws Exception {
        StreamListener l = t.listener(new AnsweringInbound(), "handshake.threads", 1);
        OpensslPeer.Result r = OpensslPeer.exchange(l.localAddress(), OPTIONS, verifying("-tls1_3"));
        assertTrue(r.answered(), r.toString());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(th -> th.getName().equals("sip-tls-test-handshake-0")),
                "no handshake pool thread was started: the handshake ran on the I/O thread");
        assertEquals("1", l.status().details().get("handshake.threads"));
    }

    private static int count(StringBuilder sb, String what) {
        String s;
        synchronized (sb) {
            s = sb.toString();
        }
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return c.getAsBoolean();
    }
}
