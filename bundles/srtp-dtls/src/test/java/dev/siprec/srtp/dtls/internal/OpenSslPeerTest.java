package dev.siprec.srtp.dtls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.siprec.srtp.api.SrtpPolicy;

/**
 * Real peers: {@code openssl s_client} and {@code s_server} (DTLS 1.2, use_srtp, keying material
 * exporter) against the engine in both roles; OpenSSL's exported material must equal what the
 * engine split into its receive and send keys (RFC 5764 §4.2).
 */
class OpenSslPeerTest {
    @TempDir
    static Path dir;
    static OpenSslPeer peer;
    DtlsEngine engine;

    @BeforeAll
    static void peer() throws Exception {
        assumeTrue(OpenSslPeer.available(), "openssl command line not installed");
        peer = new OpenSslPeer(dir);
    }

    @BeforeEach
    void engine() {
        engine = new DtlsEngine(DtlsSettings.defaults());
    }

    @AfterEach
    void close() throws InterruptedException {
        engine.close();
        assertTrue(engine.awaitTermination(5000), "handshake threads end");
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void serverRoleAgainstOpensslClient(SrtpProfile profile) throws Exception {
        Association a = engine.associate(Association.Role.SERVER, List.of(SrtpProfile.values()),
                List.of(peer.fingerprint()), null);
        try (UdpPort port = new UdpPort()) {
            port.handle(a);
            String out = OpenSslPeer.run(OpenSslPeer.clientCommand(port.local().getPort(), profile.profileName,
                    profile.materialLength(), peer), 30);
            byte[] exported = OpenSslPeer.material(out);
            assertNotNull(exported, () -> "openssl printed no keying material:\n" + out);
            assertEquals(profile.profileName, OpenSslPeer.profile(out), out);
            a.ready().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(profile.profileName, a.info().profile());
            assertEquals("server", a.info().role());
            assertEquals(peer.fingerprint().format(), a.info().peerFingerprint());
            // we are the server: we receive with the client's write key
            assertKeys(profile, exported, a.receivePolicy(), true);
            assertKeys(profile, exported, a.sendPolicy(), false);
            assertEquals(1, engine.counters().completed.sum());
        } finally {
            a.close();
        }
        assertTrue(a.wiped());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES128_CM_SHA1_80", "AEAD_AES_256_GCM"})
    void clientRoleAgainstOpensslServer(SrtpProfile profile) throws Exception {
        int serverPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            serverPort = probe.getLocalPort();
        }
        Process server = OpenSslPeer.start(List.of("timeout", "40", "openssl", "s_server", "-dtls1_2",
                "-accept", "127.0.0.1:" + serverPort, "-naccept", "1", "-use_srtp", profile.profileName,
                "-cert", peer.cert.toString(), "-key", peer.key.toString(),
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", Integer.toString(profile.materialLength())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread drain = drain(server.getInputStream(), out);
        Association a = engine.associate(Association.Role.CLIENT, List.of(SrtpProfile.values()),
                List.of(peer.fingerprint()), new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
        try (UdpPort port = new UdpPort()) {
            waitForListening(out);
            port.handle(a);
            a.ready().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals("client", a.info().role());
            byte[] exported = awaitMaterial(out);
            assertNotNull(exported, () -> "openssl printed no keying material:\n" + text(out));
            // we are the client: we receive with the server's write key
            assertKeys(profile, exported, a.receivePolicy(), false);
            assertKeys(profile, exported, a.sendPolicy(), true);
        } finally {
            a.close();
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
            drain.join(2000);
        }
    }

    @org.junit.jupiter.api.Test
    void opensslClientWithAnotherCertificateIsRefused() throws Exception {
        Fingerprint other = Fingerprint.of("sha-256", new byte[] {9, 9, 9});
        Association a = engine.associate(Association.Role.SERVER, List.of(SrtpProfile.values()), List.of(other), null);
        try (UdpPort port = new UdpPort()) {
            port.handle(a);
            String out = OpenSslPeer.run(OpenSslPeer.clientCommand(port.local().getPort(), "SRTP_AES128_CM_SHA1_80", 60, peer), 30);
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> a.ready().toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(Refusal.FINGERPRINT_MISMATCH, ((DtlsRefusedException) e.getCause()).refusal());
            assertTrue(out.contains("alert bad certificate"), out);
            assertEquals(1, engine.counters().refusals(Refusal.FINGERPRINT_MISMATCH));
        } finally {
            a.close();
        }
    }

    @org.junit.jupiter.api.Test
    void opensslClientWithoutCommonProfileIsRefused() throws Exception {
        Association a = engine.associate(Association.Role.SERVER, List.of(SrtpProfile.AEAD_AES_256_GCM),
                List.of(peer.fingerprint()), null);
        try (UdpPort port = new UdpPort()) {
            port.handle(a);
            String out = OpenSslPeer.run(OpenSslPeer.clientCommand(port.local().getPort(), "SRTP_AES128_CM_SHA1_80", 60, peer), 30);
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> a.ready().toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(Refusal.NO_COMMON_PROFILE, ((DtlsRefusedException) e.getCause()).refusal());
            assertEquals(null, OpenSslPeer.material(out), out);
        } finally {
            a.close();
        }
    }

    static void assertKeys(SrtpProfile p, byte[] exported, SrtpPolicy policy, boolean clientWrite) {
        int k = p.keyLength;
        int s = p.saltLength;
        byte[] key = Arrays.copyOfRange(exported, clientWrite ? 0 : k, clientWrite ? k : 2 * k);
        byte[] salt = Arrays.copyOfRange(exported, 2 * k + (clientWrite ? 0 : s), 2 * k + (clientWrite ? s : 2 * s));
        assertEquals(p.suite, policy.suite());
        assertArrayEquals(key, policy.keys().get(0).key(), "master key");
        assertArrayEquals(salt, policy.keys().get(0).salt(), "master salt");
    }

    static Thread drain(InputStream in, ByteArrayOutputStream out) {
        Thread t = new Thread(() -> {
            byte[] b = new byte[4096];
            try {
                for (int n; (n = in.read(b)) > 0; ) {
                    synchronized (out) {
                        out.write(b, 0, n);
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static void waitForListening(ByteArrayOutputStream out) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!text(out).contains("ACCEPT") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    static byte[] awaitMaterial(ByteArrayOutputStream out) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            byte[] m = OpenSslPeer.material(text(out));
            if (m != null) {
                return m;
            }
            Thread.sleep(20);
        }
        return null;
    }
}
