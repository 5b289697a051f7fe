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
}
