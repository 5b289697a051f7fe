package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.spi.SrtpKdf;
import dev.siprec.srtp.testing.Packets;

/** Engine behaviour that needs no peer: policies, bad input, caps, lifetimes, KDR, flags, close. */
class SessionTest {
    private static final String CM80 = "AES_CM_128_HMAC_SHA1_80";
    private static final long SSRC = 0x01020304L;

    private final SuiteRegistry registry = Engines.registry(Engines.ALL);
    private final SrtpEngineImpl engine = Engines.engine(registry, Map.of());
    private final SrtpPacket pkt = new SrtpPacket(new byte[2048]);

    private static SrtpMasterKey key(int seed) {
        Random r = new Random(seed);
        byte[] k = new byte[16];
        byte[] s = new byte[14];
        r.nextBytes(k);
        r.nextBytes(s);
        return new SrtpMasterKey(k, s);
    }

    private SrtpStatus protect(SrtpSession s, byte[] p) {
        System.arraycopy(p, 0, pkt.buffer(), 0, p.length);
        pkt.length(p.length);
        return s.protectRtp(pkt);
    }

    private SrtpStatus unprotect(SrtpSession s, byte[] w) {
        System.arraycopy(w, 0, pkt.buffer(), 0, w.length);
        pkt.length(w.length);
        return s.unprotectRtp(pkt);
    }

    private byte[] wire() {
        return Arrays.copyOf(pkt.buffer(), pkt.length());
    }

    @Test
    void policiesAreCheckedAgainstTheSuite() {
        assertThrows(IllegalArgumentException.class, () -> engine.newSession(SrtpPolicy.of("AES_CM_999", key(1))));
        SrtpMasterKey gcmSized = new SrtpMasterKey(new byte[16], new byte[12]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.newSession(SrtpPolicy.of(CM80, gcmSized)));
        assertTrue(e.getMessage().contains("14-byte salt"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.newSession(
                SrtpPolicy.of(CM80, new SrtpMasterKey(new byte[16], new byte[14], (1L << 48) + 1, new byte[0]))));
        assertThrows(IllegalArgumentException.class, () -> engine.newSession(
                SrtpPolicy.of("AEAD_AES_128_GCM", new SrtpMasterKey(new byte[16], new byte[12])).withFlags(true, false, false)));
        assertThrows(IllegalArgumentException.class, () -> new SrtpPolicy(CM80, List.of(key(1), key(2)), 0, false, false,
                false, 1024, 8), "two keys without MKI");
        assertThrows(IllegalArgumentException.class, () -> SrtpPolicy.of(CM80, key(1)).withReplayWindow(64));
        assertThrows(IllegalArgumentException.class, () -> SrtpPolicy.of(CM80, key(1)).withKeyDerivationRate(3));
        assertThrows(IllegalArgumentException.class, () -> SrtpMasterKey.mki(256, 1));
    }

    @Test
    void badInputIsCountedAndDroppedNeverThrown() {
        try (SrtpSession s = engine.newSession(SrtpPolicy.of(CM80, key(1)))) {
            byte[] ok = Packets.rtp(SSRC, 1, 160);
            assertEquals(SrtpStatus.OK, protect(s, ok));
            byte[] w = wire();
            int malformed = 0;
            for (int len = 0; len < 22; len++) {
                assertEquals(SrtpStatus.MALFORMED, unprotect(s, Arrays.copyOf(w, len)), "truncated to " + len);
                malformed++;
            }
            byte[] v1 = w.clone();
            v1[0] = 0x40;
            assertEquals(SrtpStatus.MALFORMED, unprotect(s, v1), "version 1");
            byte[] csrcs = w.clone();
            csrcs[0] = (byte) 0x8f;
            assertEquals(SrtpStatus.AUTH_FAIL, unprotect(s, csrcs), "15 CSRCs fit in 182 bytes: tag check fails");
            byte[] ext = w.clone();
            ext[0] = (byte) 0x90;
            ext[14] = (byte) 0xff;
            ext[15] = (byte) 0xff;
            assertEquals(SrtpStatus.MALFORMED, unprotect(s, ext), "extension longer than the packet");
            malformed += 2;
            Random r = new Random(3);
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[r.nextInt(300)];
                r.nextBytes(junk);
                SrtpStatus st = unprotect(s, junk);
                assertTrue(st == SrtpStatus.MALFORMED || st == SrtpStatus.AUTH_FAIL, st.name());
                if (st == SrtpStatus.MALFORMED) {
                    malformed++;
                }
                assertFalse(unprotectRtcpThrows(s, junk));
            }
            assertEquals(SrtpStatus.MALFORMED, s.unprotectRtcp(new SrtpPacket(new byte[8]).length(8)));
            SrtpSession.Stats stats = s.stats();
            assertTrue(stats.malformed() >= malformed, stats.toString());
            assertEquals(0, stats.streams().stream().filter(x -> x.ssrc() != SSRC).count(), "junk created no context");
            assertEquals(SrtpStatus.OK, unprotect(s, w), "the real packet still passes");
        }
    }

    private boolean unprotectRtcpThrows(SrtpSession s, byte[] junk) {
        try {
            s.unprotectRtcp(new SrtpPacket(Arrays.copyOf(junk, 2048)).length(junk.length));
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Test
    void unknownSsrcFloodsCannotFillTheCap() {
        SrtpPolicy policy = SrtpPolicy.of(CM80, key(1)).withMaxStreams(2);
        try (SrtpSession tx = engine.newSession(Engines.copy(policy.withMaxStreams(8)));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            SrtpSession attacker = engine.newSession(SrtpPolicy.of(CM80, key(2)).withMaxStreams(SrtpPolicy.MAX_STREAMS));
            for (int i = 0; i < 1000; i++) {
                assertEquals(SrtpStatus.OK, protect(attacker, Packets.rtp(0x7000_0000L + i, 1, 160)));
                assertEquals(SrtpStatus.AUTH_FAIL, unprotect(rx, wire()));
            }
            attacker.close();
            for (long ssrc = 1; ssrc <= 3; ssrc++) {
                assertEquals(SrtpStatus.OK, protect(tx, Packets.rtp(ssrc, 7, 160)));
                assertEquals(ssrc <= 2 ? SrtpStatus.OK : SrtpStatus.SSRC_LIMIT, unprotect(rx, wire()), "ssrc " + ssrc);
            }
            SrtpSession.Stats st = rx.stats();
            assertEquals(1000, st.unknownSsrcAuthFailures());
            assertEquals(1, st.ssrcLimit());
            assertEquals(2, st.streams().size());
            SuiteInfo info = registry.suites().stream().filter(i -> i.name().equals(CM80)).findFirst().orElseThrow();
            assertEquals(1000, info.authFailures());
            assertEquals(2, info.inUse());
        }
        assertEquals(0, registry.suites().stream().filter(i -> i.name().equals(CM80)).findFirst().orElseThrow().inUse());
    }

    @Test
    void replayWindowSizeFromPolicy() {
        SrtpPolicy policy = SrtpPolicy.of(CM80, key(1)).withReplayWindow(128);
        try (SrtpSession tx = engine.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            byte[][] w = new byte[400][];
            for (int seq = 0; seq < 400; seq++) {
                assertEquals(SrtpStatus.OK, protect(tx, Packets.rtp(SSRC, seq, 20)));
                w[seq] = wire();
            }
            assertEquals(SrtpStatus.OK, unprotect(rx, w[399]));
            assertEquals(SrtpStatus.OK, unprotect(rx, w[399 - 127]));
            assertEquals(SrtpStatus.REPLAY_OLD, unprotect(rx, w[399 - 128]));
            assertEquals(SrtpStatus.REPLAY_DUP, unprotect(rx, w[399]));
            SrtpSession.StreamStats st = rx.stats().streams().get(0);
            assertEquals(1, st.replayOld());
            assertEquals(1, st.replayDuplicates());
        }
    }

    @Test
    void masterKeyLifetimeIsEnforcedBothWays() {
        SrtpMasterKey k = key(4);
        SrtpPolicy policy = SrtpPolicy.of(CM80, new SrtpMasterKey(k.key(), k.salt(), 5, new byte[0]));
        try (SrtpSession tx = engine.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            for (int seq = 0; seq < 5; seq++) {
                assertEquals(SrtpStatus.OK, protect(tx, Packets.rtp(SSRC, seq, 20)));
                assertEquals(SrtpStatus.OK, unprotect(rx, wire()));
            }
            assertEquals(SrtpStatus.KEY_EXPIRED, protect(tx, Packets.rtp(SSRC, 5, 20)));
            SrtpSession other = engine.newSession(SrtpPolicy.of(CM80, k));
            assertEquals(SrtpStatus.OK, protect(other, Packets.rtp(SSRC, 5, 20)));
            assertEquals(SrtpStatus.KEY_EXPIRED, unprotect(rx, wire()));
            other.close();
            assertEquals(1, rx.stats().streams().get(0).keyExpired());
            assertEquals(1, tx.stats().streams().get(0).keyExpired());
        }
    }

    /** KDR ≠ 0: the session keys at index i are those of r = i DIV KDR, checked with plain JCE. */
    @Test
    void keyDerivationRateRederivesSessionKeys() throws Exception {
        SrtpMasterKey k = key(5);
        SrtpPolicy policy = SrtpPolicy.of(CM80, k).withKeyDerivationRate(16);
        try (SrtpSession tx = engine.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            for (int seq = 0; seq < 70; seq++) {
                byte[] plain = Packets.rtp(SSRC, seq, 40);
                assertEquals(SrtpStatus.OK, protect(tx, plain));
                byte[] w = wire();
                assertArrayEquals(w, independentProtect(k, seq / 16, plain, seq), "seq " + seq);
                assertEquals(SrtpStatus.OK, unprotect(rx, w));
                assertArrayEquals(plain, wire());
            }
        }
    }

    private static byte[] independentProtect(SrtpMasterKey k, long r, byte[] plain, long index) throws Exception {
        byte[] ke = new byte[16];
        byte[] ka = new byte[20];
        byte[] ks = new byte[14];
        try (SrtpKdf kdf = new SrtpKdf(k.key(), k.salt())) {
            kdf.derive(0, r, ke, 16);
            kdf.derive(1, r, ka, 20);
            kdf.derive(2, r, ks, 14);
        }
        byte[] iv = new byte[16];
        System.arraycopy(ks, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[7 - i] ^= (byte) (SSRC >>> (8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ke, "AES"), new IvParameterSpec(iv));
        byte[] out = Arrays.copyOf(plain, plain.length + 10);
        ctr.doFinal(plain, 12, plain.length - 12, out, 12);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(ka, "HmacSHA1"));
        mac.update(out, 0, plain.length);
        mac.update(new byte[4]);
        System.arraycopy(mac.doFinal(), 0, out, plain.length, 10);
        return out;
    }

    @Test
    void unencryptedAndUnauthenticatedFlags() {
        SrtpPolicy clearPayload = SrtpPolicy.of(CM80, key(6)).withFlags(true, true, false);
        try (SrtpSession tx = engine.newSession(Engines.copy(clearPayload));
                SrtpSession rx = engine.newSession(Engines.copy(clearPayload))) {

            byte[] plain = Packets.rtp(SSRC, 1, 40);
            assertEquals(SrtpStatus.OK, protect(tx, plain));
            assertArrayEquals(plain, Arrays.copyOf(wire(), plain.length), "payload sent in clear");
            assertEquals(plain.length + 10, pkt.length(), "but authenticated");
            assertEquals(SrtpStatus.OK, unprotect(rx, wire()));
            byte[] rtcp = Packets.rtcp(SSRC, 1);
            System.arraycopy(rtcp, 0, pkt.buffer(), 0, rtcp.length);
            assertEquals(SrtpStatus.OK, tx.protectRtcp(pkt.length(rtcp.length)));
            assertEquals(0, pkt.buffer()[rtcp.length] & 0x80, "E flag clear");
            assertEquals(SrtpStatus.OK, rx.unprotectRtcp(pkt));
            assertArrayEquals(rtcp, wire());
        }
        SrtpPolicy noAuth = SrtpPolicy.of(CM80, key(6)).withFlags(false, false, true);
        try (SrtpSession tx = engine.newSession(Engines.copy(noAuth));
                SrtpSession rx = engine.newSession(Engines.copy(noAuth))) {

            byte[] plain = Packets.rtp(SSRC, 1, 40);
            assertEquals(SrtpStatus.OK, protect(tx, plain));
            assertEquals(plain.length, pkt.length(), "no tag");
            assertEquals(SrtpStatus.OK, unprotect(rx, wire()));
            assertArrayEquals(plain, wire());
        }
    }

    @Test
    void protectNeedsRoomForTheTag() {
        try (SrtpSession tx = engine.newSession(SrtpPolicy.of(CM80, key(1)))) {
            byte[] plain = Packets.rtp(SSRC, 1, 40);
            assertEquals(SrtpStatus.MALFORMED, tx.protectRtp(new SrtpPacket(plain.clone()).length(plain.length)));
            assertEquals(10, tx.maxOverhead() - 4, "SRTCP adds index and tag: 14");
        }
    }

    @Test
    void closeWipesAndRefusesLaterPackets() {
        SrtpSession s = engine.newSession(SrtpPolicy.of(CM80, key(1)));
        assertEquals(SrtpStatus.OK, protect(s, Packets.rtp(SSRC, 1, 40)));
        s.close();
        s.close();
        assertEquals(SrtpStatus.KEY_EXPIRED, protect(s, Packets.rtp(SSRC, 2, 40)));
        assertEquals(SrtpStatus.KEY_EXPIRED, unprotect(s, Packets.rtp(SSRC, 2, 40)));
        assertTrue(s.toString().contains("closed"));
    }

    @Test
    void aReceiveOnlySessionDecodesButHasNoSendingSide() {
        SrtpMasterKey k = key(5);
        SrtpMasterKey same = new SrtpMasterKey(k.key(), k.salt());
        try (SrtpSession sender = engine.newSession(SrtpPolicy.of(CM80, k));
             SrtpSession receiver = engine.newReceiveSession(SrtpPolicy.of(CM80, same))) {
            assertTrue(same.isDestroyed(), "the receive-only session takes and wipes the keys too");
            byte[] plain = Packets.rtp(SSRC, 1, 160);
            assertEquals(SrtpStatus.OK, protect(sender, plain));
            byte[] wire = wire();
            assertEquals(SrtpStatus.OK, unprotect(receiver, wire));
            assertArrayEquals(plain, wire());
            assertEquals(SrtpStatus.REPLAY_DUP, unprotect(receiver, wire));
            byte[] before = Packets.rtp(SSRC, 2, 160);
            assertEquals(SrtpStatus.KEY_EXPIRED, protect(receiver, before), "no sending keys");
            assertArrayEquals(before, wire(), "the packet is left as it was");
            System.arraycopy(before, 0, pkt.buffer(), 0, before.length);
            pkt.length(before.length);
            assertEquals(SrtpStatus.KEY_EXPIRED, receiver.protectRtcp(pkt));
            assertEquals(1, receiver.stats().streams().size(), "only the receiving stream: " + receiver.stats());
            assertTrue(receiver.toString().contains("receive only"), receiver.toString());
        }
    }

    @Test
    void newSessionTakesTheKeysAndWipesThem() throws Exception {
        SrtpMasterKey k = key(3);
        SrtpMasterKey second = key(4);
        try (SrtpSession s = engine.newSession(SrtpPolicy.of(CM80, k))) {
            assertTrue(k.isDestroyed());
            assertArrayEquals(new byte[16], held(k, "key"));
            assertArrayEquals(new byte[14], held(k, "salt"));
            assertThrows(IllegalStateException.class, k::key);
        }
        // a refused policy is closed too: the caller handed it over
        assertThrows(IllegalArgumentException.class, () -> engine.newSession(SrtpPolicy.of("AES_CM_999", second)));
        assertTrue(second.isDestroyed());
        assertArrayEquals(new byte[16], held(second, "key"));
    }

    private static byte[] held(SrtpMasterKey k, String field) throws ReflectiveOperationException {
        java.lang.reflect.Field f = SrtpMasterKey.class.getDeclaredField(field);
        f.setAccessible(true);
        return (byte[]) f.get(k);
    }

    @Test
    void keysNeverPrinted() {
        SrtpMasterKey k = new SrtpMasterKey(new byte[] {0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b,
                0x4c, 0x4d, 0x4e, 0x4f, 0x50}, new byte[14]);
        SrtpPolicy p = SrtpPolicy.of(CM80, k);
        String text = p + " " + k + " " + engine.newSession(p);
        assertFalse(text.contains("ABCD") || text.contains("41424344") || text.contains("65, 66"), text);
        k.close();
        assertTrue(k.isDestroyed());
        assertThrows(IllegalStateException.class, k::key);
    }

    @Test
    void sessionsOutliveTheirSuitesRegistration() {
        SuiteRegistry reg = Engines.registry(Engines.ALL);
        SrtpEngineImpl eng = Engines.engine(reg, Map.of());
        SrtpPolicy policy = SrtpPolicy.of(CM80, key(8));
        try (SrtpSession tx = eng.newSession(Engines.copy(policy));
                SrtpSession rx = eng.newSession(Engines.copy(policy))) {

            reg.removeSuite(Engines.suite(CM80), Map.of(dev.siprec.srtp.api.SrtpCryptoSuite.SUITE, CM80));
            assertFalse(reg.names().contains(CM80));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eng.newSession(Engines.copy(policy)));
            assertTrue(e.getMessage().contains("not registered"), e.getMessage());
            for (int seq = 0; seq < 10; seq++) {
                assertEquals(SrtpStatus.OK, protect(tx, Packets.rtp(SSRC, seq, 40)));
                assertEquals(SrtpStatus.OK, unprotect(rx, wire()));
            }
            reg.add(Engines.suite(CM80), Map.of(dev.siprec.srtp.api.SrtpCryptoSuite.SUITE, CM80), "again");
            eng.newSession(Engines.copy(policy)).close();
        }
    }

    @Test
    void registryRefusesMismatchedAndDuplicateNames() {
        SuiteRegistry reg = new SuiteRegistry();
        reg.add(Engines.suite(CM80), Map.of(dev.siprec.srtp.api.SrtpCryptoSuite.SUITE, "AES_CM_128_HMAC_SHA1_32"), "b");
        assertTrue(reg.names().isEmpty(), "property and name() disagree");
        reg.add(Engines.suite(CM80), Map.of(dev.siprec.srtp.api.SrtpCryptoSuite.SUITE, CM80), "first");
        reg.add(new dev.siprec.srtp.spi.AesCmSuite(CM80, 16, 10),
                Map.of(dev.siprec.srtp.api.SrtpCryptoSuite.SUITE, CM80), "second");
        assertEquals(List.of(new SuiteInfo(CM80, "first", 0, 0, 0, Engines.suite(CM80).implementation())), reg.suites());
    }

    @Test
    void theRegistryAsksHowASuiteComputesOnceAndKeepsItOneBoundedLine() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<String, SrtpCryptoSuite> saying = text -> (SrtpCryptoSuite) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SrtpCryptoSuite.class}, (p, m, a) -> {
                    if (m.getName().equals("implementation")) {
                        asked.incrementAndGet();
                        if (text == null) {
                            throw new IllegalStateException("broken suite");
                        }
                        return text;
                    }
                    return m.invoke(Engines.suite(CM80), a);
                });
        SuiteRegistry reg = new SuiteRegistry();
        reg.add(saying.apply("AES on x,\nHMAC\u0000on y\r\n"), Map.of(SrtpCryptoSuite.SUITE, CM80), "third-party");
        assertEquals("AES on x, HMAC on y", reg.suites().get(0).implementation());
        reg.suites();
        Engines.engine(reg, Map.of()).newSession(SrtpPolicy.of(CM80, key(1))).close();
        assertEquals(1, asked.get(), "asked once per registration, by the listing or the first session");

        SuiteRegistry longOne = new SuiteRegistry();
        longOne.add(saying.apply("x".repeat(5000)), Map.of(SrtpCryptoSuite.SUITE, CM80), "third-party");
        assertEquals(SuiteRegistry.MAX_IMPLEMENTATION, longOne.suites().get(0).implementation().length());

        SuiteRegistry failing = new SuiteRegistry();
        failing.add(saying.apply(null), Map.of(SrtpCryptoSuite.SUITE, CM80), "third-party");
        assertEquals("", failing.suites().get(0).implementation(), "a failing suite says nothing and stays listed");
        Engines.engine(failing, Map.of()).newSession(SrtpPolicy.of(CM80, key(1))).close();

        SuiteRegistry silent = new SuiteRegistry();
        silent.add(new SrtpCryptoSuite() {
            public String name() { return CM80; }
            public int masterKeyLength() { return 16; }
            public int masterSaltLength() { return 14; }
            public int srtpAuthTagLength() { return 10; }
            public int srtcpAuthTagLength() { return 10; }
            public boolean aead() { return false; }
            public long srtpLifetime() { return 1L << 48; }
            public long srtcpLifetime() { return 1L << 31; }
            public dev.siprec.srtp.api.SrtpTransform newTransform(byte[] k, byte[] s, long kdr, boolean e, boolean a) {
                return Engines.suite(CM80).newTransform(k, s, kdr, e, a);
            }
        }, Map.of(SrtpCryptoSuite.SUITE, CM80), "api-0.3-suite");
        assertEquals("", silent.suites().get(0).implementation(), "a suite written against API 0.3 says nothing");
    }

    @Test
    void engineSessionCap() {
        SrtpEngineImpl small = Engines.engine(registry, Map.of("max.sessions", 1));
        SrtpSession one = small.newSession(SrtpPolicy.of(CM80, key(1)));
        assertThrows(IllegalStateException.class, () -> small.newSession(SrtpPolicy.of(CM80, key(1))));
        one.close();
        small.newSession(SrtpPolicy.of(CM80, key(1))).close();
        assertThrows(IllegalArgumentException.class, () -> Engines.engine(registry, Map.of("roc.probe.range", -1)));
    }
}
