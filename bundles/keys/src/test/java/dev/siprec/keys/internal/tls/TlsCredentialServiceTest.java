package dev.siprec.keys.internal.tls;

import dev.siprec.testing.TestPki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.TlsCredentialSpec;
import dev.siprec.keys.api.TlsCredentials;

class TlsCredentialServiceTest {
    private static final String FINGERPRINT = "([0-9A-F]{2}:){31}[0-9A-F]{2}";

    @TempDir
    Path dir;
    private final TestPki pki = new TestPki();
    private TestPki.Issued ca;
    private TlsCredentialServiceImpl service;

    @BeforeEach
    void setUp() throws Exception {
        ca = pki.ca("Test CA");
        service = service(60);
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private TlsCredentialServiceImpl service(double watchSeconds) {
        TlsCredentialServiceImpl.Config c = Converters.standardConverter()
                .convert(Map.of("watch.interval.seconds", watchSeconds)).to(TlsCredentialServiceImpl.Config.class);
        return new TlsCredentialServiceImpl(dir.resolve("data"), c);
    }

    private static TlsCredentialSpec pem(Path cert, Path key) {
        return new TlsCredentialSpec("t", cert.toString(), key.toString(), null, null, null, null);
    }

    @Test
    void loadsAPemChainWithAPkcs8Key() throws Exception {
        TestPki.Issued leaf = pki.leaf(ca, "srs", List.of("localhost"), List.of("127.0.0.1"));
        Path cert = TestPki.writeCerts(dir.resolve("c.pem"), leaf.chain());
        Path key = TestPki.writePkcs8(dir.resolve("k.pem"), leaf.keys().getPrivate());
        try (TlsCredentials c = service.load(pem(cert, key))) {
            assertEquals(leaf.chain(), c.certificateChain());
            assertTrue(c.fingerprint().matches(FINGERPRINT), c.fingerprint());
            SSLEngine e = c.sslContext().createSSLEngine();
            assertTrue(e.getSupportedProtocols().length > 0);
        }
    }

    @Test
    void loadsTraditionalEcAndRsaKeys() throws Exception {
        for (var keys : List.of(pki.ecKeys(), pki.rsaKeys())) {
            TestPki.Issued leaf = pki.leaf(ca, "srs", keys, java.time.Instant.now().minusSeconds(60),
                    java.time.Instant.now().plusSeconds(86400), List.of("localhost"), List.of());
            Path cert = TestPki.writeCerts(dir.resolve("c.pem"), List.of(leaf.cert()));
            Path key = TestPki.writeTraditional(dir.resolve("k.pem"), keys);
            assertTrue(Files.readString(key).contains("-----BEGIN " + keys.getPublic().getAlgorithm()));
            try (TlsCredentials c = service.load(pem(cert, key))) {
                assertEquals(leaf.cert(), c.certificateChain().get(0));
            }
        }
    }

    @Test
    void theContextHandshakesWithTheLoadedEcAndRsaKeys() throws Exception {
        for (var keys : List.of(pki.ecKeys(), pki.rsaKeys())) {
            TestPki.Issued leaf = pki.leaf(ca, "srs", keys, java.time.Instant.now().minusSeconds(60),
                    java.time.Instant.now().plusSeconds(86400), List.of("localhost"), List.of());
            Path cert = TestPki.writeCerts(dir.resolve("c.pem"), leaf.chain());
            Path key = TestPki.writePkcs8(dir.resolve("k.pem"), keys.getPrivate());
            try (TlsCredentials c = service.load(pem(cert, key))) {
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    SSLEngine server = c.sslContext().createSSLEngine();
                    server.setUseClientMode(false);
                    server.setEnabledProtocols(new String[] {protocol});
                    SSLEngine client = trustingOnly(ca.cert()).createSSLEngine("localhost", 5061);
                    client.setUseClientMode(true);
                    client.setEnabledProtocols(new String[] {protocol});
                    handshake(client, server);
                    assertEquals(leaf.cert(), client.getSession().getPeerCertificates()[0], protocol);
                    assertEquals(protocol, client.getSession().getProtocol());
                }
            }
        }
    }

    private static javax.net.ssl.SSLContext trustingOnly(X509Certificate anchor) throws Exception {
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", anchor);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Runs both engines over memory buffers until the handshake has finished on both sides. */
    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        java.nio.ByteBuffer toServer = java.nio.ByteBuffer.allocate(size * 4);
        java.nio.ByteBuffer toClient = java.nio.ByteBuffer.allocate(size * 4);
        java.nio.ByteBuffer app = java.nio.ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
        java.nio.ByteBuffer empty = java.nio.ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200; i++) {
            step(client, empty, toServer, toClient, app);
            step(server, empty, toClient, toServer, app);
            if (done(client) && done(server)) {
                return;
            }
        }
        throw new AssertionError("handshake did not finish");
    }

    private static boolean done(SSLEngine e) {
        var s = e.getHandshakeStatus();
        return s == javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                || s == javax.net.ssl.SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, java.nio.ByteBuffer empty, java.nio.ByteBuffer out, java.nio.ByteBuffer in,
            java.nio.ByteBuffer app) throws Exception {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
        e.wrap(empty, out);
        in.flip();
        app.clear();
        e.unwrap(in, app);
        in.compact();
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
    }

    @Test
    void encryptedKeysNeedThePassword() throws Exception {
        TestPki.Issued leaf = pki.leaf(ca, "srs", List.of("localhost"), List.of());
        Path cert = TestPki.writeCerts(dir.resolve("c.pem"), leaf.chain());
        Path key = pki.writeEncryptedPkcs8(dir.resolve("k.pem"), leaf.keys().getPrivate(), "s3cret".toCharArray());
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> service.load(pem(cert, key)));
        assertTrue(e.getMessage().contains("keystore.password"), e.getMessage());
        assertThrows(GeneralSecurityException.class, () -> service.load(new TlsCredentialSpec("t", cert.toString(),
                key.toString(), null, "wrong".toCharArray(), null, null)));
        try (TlsCredentials c = service.load(new TlsCredentialSpec("t", cert.toString(), key.toString(), null,
                "s3cret".toCharArray(), null, null))) {
            assertEquals(leaf.cert(), c.certificateChain().get(0));
        }
    }

    @Test
    void loadsPkcs12AndRejectsAWrongPassword() throws Exception {
        TestPki.Issued leaf = pki.leaf(ca, "srs", List.of("localhost"), List.of());
        Path p12 = TestPki.writePkcs12(dir.resolve("k.p12"), "pw".toCharArray(), leaf.keys().getPrivate(), leaf.chain());
        try (TlsCredentials c = service.load(new TlsCredentialSpec("t", null, null, p12.toString(), "pw".toCharArray(),
                null, null))) {
            assertEquals(leaf.chain(), c.certificateChain());
        }
        assertThrows(GeneralSecurityException.class, () -> service.load(new TlsCredentialSpec("t", null, null,
                p12.toString(), "nope".toCharArray(), null, null)));
    }

    @Test
    void rejectsAKeyThatDoesNotMatchTheCertificate() throws Exception {
        TestPki.Issued leaf = pki.leaf(ca, "srs", List.of("localhost"), List.of());
        Path cert = TestPki.writeCerts(dir.resolve("c.pem"), leaf.chain());
        Path key = TestPki.writePkcs8(dir.resolve("k.pem"), pki.ecKeys().getPrivate());
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> service.load(pem(cert, key)));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void reportsMissingAndMalformedFilesAndIncompleteSpecs() throws Exception {
        assertThrows(IOException.class, () -> service.load(pem(dir.resolve("none.pem"), dir.resolve("none.key"))));
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello, not a certificate");
        Path key = TestPki.writePkcs8(dir.resolve("k.pem"), pki.ecKeys().getPrivate());
        CertificateException ce = assertThrows(CertificateException.class, () -> service.load(pem(junk, key)));
        assertTrue(ce.getMessage().contains("no CERTIFICATE"), ce.getMessage());
        assertThrows(GeneralSecurityException.class, () -> service.load(new TlsCredentialSpec("t", junk.toString(),
                null, null, null, null, null)));
        assertThrows(GeneralSecurityException.class, () -> service.load(new TlsCredentialSpec("t", junk.toString(),
                key.toString(), junk.toString(), null, null, null)));
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[PemCodec.MAX_FILE_BYTES + 1]);
        assertThrows(IOException.class, () -> service.load(pem(huge, key)));
    }

    @Test
    void generatesASelfSignedCertificateOnceAndReusesIt() throws Exception {
        TlsCredentialSpec none = new TlsCredentialSpec("default", null, null, null, null, null, null);
        String first;
        try (TlsCredentials c = service.load(none)) {
            first = c.fingerprint();
            X509Certificate leaf = c.certificateChain().get(0);
            assertTrue(leaf.getPublicKey() instanceof ECPublicKey);
            assertEquals(256, ((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize());
            List<String> sans = leaf.getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList();
            assertTrue(sans.contains("localhost"), sans.toString());
            assertTrue(sans.contains("127.0.0.1"), sans.toString());
            assertTrue(sans.stream().anyMatch(s -> s.equals("0:0:0:0:0:0:0:1") || s.equals("::1")), sans.toString());
            leaf.checkValidity();
        }
        Path key = service.tlsFolder().resolve("default.key.pem");
        assertTrue(Files.isRegularFile(service.tlsFolder().resolve("default.crt.pem")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        TlsCredentialServiceImpl restarted = service(60);
        try (TlsCredentials c = restarted.load(none)) {
            assertEquals(first, c.fingerprint());
        } finally {
            restarted.close();
        }
        try (TlsCredentials other = service.load(new TlsCredentialSpec("internal", null, null, null, null, null, null))) {
            assertNotEquals(first, other.fingerprint());
        }
    }

    @Test
    void replacedFilesTakeEffectAndBrokenOnesAreIgnored() throws Exception {
        TestPki.Issued one = pki.leaf(ca, "one", List.of("localhost"), List.of());
        TestPki.Issued two = pki.leaf(ca, "two", List.of("localhost"), List.of());
        Path cert = TestPki.writeCerts(dir.resolve("c.pem"), one.chain());
        Path key = TestPki.writePkcs8(dir.resolve("k.pem"), one.keys().getPrivate());
        WatchedCredentials c = (WatchedCredentials) service.load(pem(cert, key));
        assertFalse(c.checkForChanges());
        var before = c.sslContext();
        TestPki.writeCerts(cert, two.chain());
        // certificate replaced before the key: the pair does not match, the old material stays
        assertFalse(c.checkForChanges());
        assertEquals(one.cert(), c.certificateChain().get(0));
        TestPki.writePkcs8(key, two.keys().getPrivate());
        assertTrue(c.checkForChanges());
        assertEquals(two.cert(), c.certificateChain().get(0));
        assertNotEquals(before, c.sslContext());
        assertEquals(1, c.reloads());
        c.close();
        TestPki.writeCerts(cert, one.chain());
        TestPki.writePkcs8(key, one.keys().getPrivate());
        assertFalse(c.checkForChanges(), "closed credentials are no longer watched");
    }

    @Test
    void theWatcherPicksUpReplacedFiles() throws Exception {
        service.close();
        service = service(0.1);
        TestPki.Issued one = pki.leaf(ca, "one", List.of("localhost"), List.of());
        TestPki.Issued two = pki.leaf(ca, "two", List.of("localhost"), List.of());
        Path cert = TestPki.writeCerts(dir.resolve("c.pem"), one.chain());
        Path key = TestPki.writePkcs8(dir.resolve("k.pem"), one.keys().getPrivate());
        try (TlsCredentials c = service.load(pem(cert, key))) {
            TestPki.writePkcs8(key, two.keys().getPrivate());
            TestPki.writeCerts(cert, two.chain());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!c.certificateChain().get(0).equals(two.cert()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(two.cert(), c.certificateChain().get(0));
        }
    }

    @Test
    void trustStoresFromPemAndPkcs12ValidateAndCacheVerdicts() throws Exception {
        TestPki.Issued server = pki.leaf(ca, "srs", List.of("localhost"), List.of());
        TestPki.Issued client = pki.leaf(ca, "client", List.of(), List.of());
        TestPki.Issued stranger = pki.leaf(pki.ca("Other CA"), "stranger", List.of(), List.of());
        TestPki.Issued expired = pki.expiredLeaf(ca, "old");
        Path cert = TestPki.writeCerts(dir.resolve("c.pem"), server.chain());
        Path key = TestPki.writePkcs8(dir.resolve("k.pem"), server.keys().getPrivate());
        Path pemTrust = TestPki.writeCerts(dir.resolve("trust.pem"), List.of(ca.cert()));
        Path p12Trust = TestPki.writeTrustPkcs12(dir.resolve("trust.p12"), "tp".toCharArray(), ca.cert());
        for (TlsCredentialSpec spec : List.of(
                new TlsCredentialSpec("t", cert.toString(), key.toString(), null, null, pemTrust.toString(), null),
                new TlsCredentialSpec("t", cert.toString(), key.toString(), null, null, p12Trust.toString(),
                        "tp".toCharArray()))) {
            try (WatchedCredentials c = (WatchedCredentials) service.load(spec)) {
                CachingTrustManager tm = c.trustManager();
                X509Certificate[] good = client.chain().toArray(new X509Certificate[0]);
                tm.checkClientTrusted(good, "EC");
                tm.checkClientTrusted(good, "EC");
                assertEquals(1, tm.stats()[0], "second validation of the same chain is a cache hit");
                X509Certificate[] bad = stranger.chain().toArray(new X509Certificate[0]);
                assertThrows(CertificateException.class, () -> tm.checkClientTrusted(bad, "EC"));
                assertThrows(CertificateException.class, () -> tm.checkClientTrusted(bad, "EC"));
                assertEquals(2, tm.stats()[0], "negative verdicts are cached too");
                X509Certificate[] old = expired.chain().toArray(new X509Certificate[0]);
                assertThrows(CertificateException.class, () -> tm.checkClientTrusted(old, "EC"));
                assertEquals(1, tm.getAcceptedIssuers().length);
                assertEquals(List.of(ca.cert()), c.trustAnchors(), "the configured trust store is the inventory's trust list");
                assertEquals(List.of(c), service.inUse());
            }
            assertEquals(List.of(), service.inUse(), "closed credentials leave the inventory");
        }
        try (TlsCredentials none = service.load(new TlsCredentialSpec("plain", cert.toString(), key.toString(), null, null, null, null))) {
            assertEquals(List.of(), none.trustAnchors(), "JDK default trust is not listed as configured trust");
            assertEquals("plain", none.name());
        }
    }

    @Test
    void dataFolderFallsBackToTheSystemPropertyThenToData() {
        assertEquals(Path.of("/srv/x").toAbsolutePath(), TlsCredentialServiceImpl.dataFolder("/srv/x"));
        String old = System.getProperty("siprec.data");
        try {
            System.setProperty("siprec.data", dir.toString());
            assertEquals(dir.toAbsolutePath(), TlsCredentialServiceImpl.dataFolder(null));
            System.clearProperty("siprec.data");
            assertEquals(Path.of("data").toAbsolutePath(), TlsCredentialServiceImpl.dataFolder(""));
        } finally {
            if (old != null) {
                System.setProperty("siprec.data", old);
            }
        }
    }

    @Test
    void validityWarningsNameExpiredAndExpiringCertificates() throws Exception {
        TestPki.Issued leaf = pki.leaf(ca, "srs", List.of("localhost"), List.of());
        java.time.Instant notAfter = leaf.cert().getNotAfter().toInstant();
        org.junit.jupiter.api.Assertions.assertNull(CertificateChecks.validityWarning(leaf.cert(), notAfter.minus(java.time.Duration.ofDays(20))));
        assertTrue(CertificateChecks.validityWarning(leaf.cert(), notAfter.minus(java.time.Duration.ofDays(3))).contains("expires soon"));
        assertTrue(CertificateChecks.validityWarning(leaf.cert(), notAfter.plusSeconds(1)).contains("EXPIRED"));
        assertTrue(CertificateChecks.validityWarning(leaf.cert(), leaf.cert().getNotBefore().toInstant().minusSeconds(1))
                .contains("not valid before"));
    }

    @Test
    void specToStringHidesPasswords() {
        TlsCredentialSpec s = new TlsCredentialSpec("t", null, null, "/k.p12", "topsecret".toCharArray(), "/t.p12",
                "alsosecret".toCharArray());
        assertFalse(s.toString().contains("topsecret"));
        assertFalse(s.toString().contains("alsosecret"));
    }
}
