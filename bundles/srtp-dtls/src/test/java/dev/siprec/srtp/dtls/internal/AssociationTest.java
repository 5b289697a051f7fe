package dev.siprec.srtp.dtls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.MediaPort;
import dev.siprec.srtp.api.SrtpPolicy;

/** The engine against itself on loopback: keys agree, and every refusal is counted. */
class AssociationTest {
    DtlsEngine server;
    DtlsEngine client;

    @BeforeEach
    void engines() {
        DtlsSettings fast = DtlsSettings.defaults().withTimeout(Duration.ofSeconds(2));
        server = new DtlsEngine(fast);
        client = new DtlsEngine(fast);
    }

    @AfterEach
    void close() throws InterruptedException {
        server.close();
        client.close();
        assertTrue(server.awaitTermination(5000) && client.awaitTermination(5000));
        await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("dtls-")),
                "no dtls- thread left");
    }

    @Test
    void bothEndsDeriveMirroredKeys() throws Exception {
        try (LoopbackPair p = new LoopbackPair(server, client, List.of(SrtpProfile.values()),
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_SHA1_80))) {
            p.start();
            p.awaitBoth(10);
            // the server prefers its own order among what the client offers
            assertEquals("SRTP_AES128_CM_SHA1_80", p.server.info().profile());
            assertEquals("SRTP_AES128_CM_SHA1_80", p.client.info().profile());
            assertSame(p.server.receivePolicy(), p.client.sendPolicy());
            assertSame(p.client.receivePolicy(), p.server.sendPolicy());
            assertTrue(!java.util.Arrays.equals(p.server.receivePolicy().keys().get(0).key(),
                    p.server.sendPolicy().keys().get(0).key()), "two directions, two keys");
            p.server.close();
            assertThrows(IllegalStateException.class, p.server::receivePolicy);
            assertTrue(p.server.wiped());
        }
    }

    @Test
    void noCommonProfileIsRefusedOnBothSides() throws Exception {
        try (LoopbackPair p = new LoopbackPair(server, client, List.of(SrtpProfile.AES128_CM_SHA1_80),
                List.of(SrtpProfile.AEAD_AES_256_GCM))) {
            p.start();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> p.server.ready().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals(Refusal.NO_COMMON_PROFILE, ((DtlsRefusedException) e.getCause()).refusal());
            assertEquals(1, server.counters().refusals(Refusal.NO_COMMON_PROFILE));
        }
    }

    @Test
    void wrongFingerprintIsRefused() throws Exception {
        UdpPort sp = new UdpPort();
        UdpPort cp = new UdpPort();
        Fingerprint other = Fingerprint.of("sha-256", new byte[] {1, 2, 3});
        Association s = server.associate(Association.Role.SERVER, List.of(SrtpProfile.values()), List.of(other), null);
        Association c = client.associate(Association.Role.CLIENT, List.of(SrtpProfile.values()),
                List.of(server.identities().current().fingerprint()), sp.local());
        try {
            sp.handle(s);
            cp.handle(c);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> s.ready().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals(Refusal.FINGERPRINT_MISMATCH, ((DtlsRefusedException) e.getCause()).refusal());
            assertThrows(ExecutionException.class, () -> c.ready().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals(1, server.counters().refusals(Refusal.FINGERPRINT_MISMATCH));
        } finally {
            s.close();
            c.close();
            sp.close();
            cp.close();
        }
    }

    @Test
    void peerThatStopsMidHandshakeTimesOut() throws Exception {
        UdpPort sp = new UdpPort();
        UdpPort cp = new UdpPort();
        Association s = server.associate(Association.Role.SERVER, List.of(SrtpProfile.values()),
                List.of(client.identities().current().fingerprint()), null);
        Association c = client.associate(Association.Role.CLIENT, List.of(SrtpProfile.values()),
                List.of(server.identities().current().fingerprint()), sp.local());
        try {
            sp.handle(s);
            // the client sends its ClientHello and the one with the cookie, then goes silent
            c.attach(new Limited(cp, 2));
            cpHandler(cp, c);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> s.ready().toCompletableFuture().get(15, TimeUnit.SECONDS));
            assertEquals(Refusal.TIMEOUT, ((DtlsRefusedException) e.getCause()).refusal());
            assertTrue(server.counters().refusals(Refusal.TIMEOUT) >= 1);
            assertEquals(1, server.counters().started.sum());
        } finally {
            s.close();
            c.close();
            sp.close();
            cp.close();
        }
    }

    @Test
    void clientHelloFloodFromManyPortsAndRandomBytesAreCountedAndAHandshakeStillWorks() throws Exception {
        // capture a genuine ClientHello
        List<byte[]> hellos = new ArrayList<>();
        Association probe = client.associate(Association.Role.CLIENT, List.of(SrtpProfile.values()),
                List.of(server.identities().current().fingerprint()), new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
        probe.attach(new MediaPort() {
            @Override
            public InetSocketAddress local() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            }

            @Override
            public synchronized void send(byte[] data, int offset, int length, InetSocketAddress to) {
                hellos.add(java.util.Arrays.copyOfRange(data, offset, offset + length));
            }
        });
        await(() -> { synchronized (probe) { return !hellos.isEmpty(); } }, "a ClientHello");
        probe.close();
        byte[] hello = hellos.get(0);
        server.close();
        server = new DtlsEngine(new DtlsSettings(Duration.ofSeconds(10), 1500, 3, 50, 4, 256, Duration.ofDays(1)));

        try (LoopbackPair p = new LoopbackPair(server, client, List.of(SrtpProfile.values()), List.of(SrtpProfile.values()))) {
            InetSocketAddress target = p.serverPort.local();
            List<DatagramSocket> attackers = new ArrayList<>();
            SecureRandom rnd = new SecureRandom();
            try {
                for (int i = 0; i < 60; i++) {
                    attackers.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
                }
                for (int round = 0; round < 5; round++) {
                    for (DatagramSocket a : attackers) {
                        a.send(new DatagramPacket(hello, hello.length, target));
                    }
                }
                for (int i = 0; i < 50; i++) {
                    byte[] junk = new byte[1 + rnd.nextInt(300)];
                    rnd.nextBytes(junk);
                    junk[0] = (byte) (20 + rnd.nextInt(44));
                    attackers.get(i).send(new DatagramPacket(junk, junk.length, target));
                }
                try {
                    await(() -> server.counters().refusals(Refusal.FLOOD) >= 50, "flood counted");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + " " + server.counters().snapshot() + " not dtls " + p.serverPort.notDtls);
                }
                assertTrue(server.counters().helloVerifySent.sum() >= 20, "stateless HelloVerifyRequests");
                assertEquals(0, server.counters().started.sum(), "no handshake state for spoofable ClientHellos");
                assertEquals(0, server.liveThreads(), "no handshake thread for cookie-less ClientHellos");
            } finally {
                for (DatagramSocket a : attackers) {
                    a.close();
                }
            }
            Thread.sleep(1100); // a new one-second window for the legitimate peer
            for (int i = 0; i < 30; i++) {
                byte[] junk = new byte[40];
                rnd.nextBytes(junk);
                junk[0] = 23;
                p.server.datagram(junk, 0, junk.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000 + i));
            }
            assertTrue(server.counters().refusals(Refusal.GARBAGE) >= 30, "random bytes counted as garbage");
            byte[] big = new byte[server.settings().maxDatagram() + 1];
            big[0] = 22;
            p.server.datagram(big, 0, big.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000));
            assertEquals(1, server.counters().refusals(Refusal.OVERSIZE));
            p.start();
            p.awaitBoth(10);
            assertEquals(1, server.counters().completed.sum());
        }
    }

    private static void cpHandler(UdpPort port, Association a) {
        port.handleOnly(a);
    }

    static void assertSame(SrtpPolicy a, SrtpPolicy b) {
        assertEquals(a.suite(), b.suite());
        assertArrayEquals(a.keys().get(0).key(), b.keys().get(0).key());
        assertArrayEquals(a.keys().get(0).salt(), b.keys().get(0).salt());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + " " + (what.startsWith("flood") ? "" : ""));
            }
            Thread.sleep(10);
        }
    }

    /** A port that sends only the first {@code n} datagrams: a peer that stops mid-handshake. */
    private static final class Limited implements MediaPort {
        private final MediaPort port;
        private int left;

        Limited(MediaPort port, int n) {
            this.port = port;
            this.left = n;
        }

        @Override
        public InetSocketAddress local() {
            return port.local();
        }

        @Override
        public synchronized void send(byte[] data, int offset, int length, InetSocketAddress to) {
            if (left > 0) {
                left--;
                port.send(data, offset, length, to);
            }
        }
    }
}
