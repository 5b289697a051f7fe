package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.spi.SrtpKdf;
import dev.siprec.srtp.testing.LibSrtpPeer;
import dev.siprec.srtp.testing.Packets;

/**
 * Interop with the reference implementation, libsrtp2, for every suite both support: libsrtp
 * protects, the engine unprotects (sequence across 65535, reordering, duplicates, tampered tags),
 * and the reverse; SRTCP both ways; MKI with two master keys; a stream that starts with ROC > 0.
 */
class LibSrtpInteropTest {
    private static final long SSRC = 0xCAFEBABEL;

    private final SrtpEngineImpl engine = Engines.engine();

    private static byte[] keyAndSalt(SrtpCryptoSuite s, int seed) {
        byte[] b = new byte[s.masterKeyLength() + s.masterSaltLength()];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static SrtpMasterKey masterKey(SrtpCryptoSuite s, byte[] keyAndSalt, byte[] mki, long lifetime) {
        return new SrtpMasterKey(Arrays.copyOf(keyAndSalt, s.masterKeyLength()),
                Arrays.copyOfRange(keyAndSalt, s.masterKeyLength(), keyAndSalt.length), lifetime, mki);
    }

    private SrtpSession session(String suite, byte[] keyAndSalt) {
        SrtpCryptoSuite s = Engines.suite(suite);
        return engine.newSession(SrtpPolicy.of(suite, masterKey(s, keyAndSalt, new byte[0], 0)));
    }

    /** Sequence numbers 65400..65535, 0..150: crosses the ROC rollover. */
    private static List<Integer> sequence() {
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < 287; i++) {
            seqs.add((65400 + i) & 0xffff);
        }
        return seqs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "NULL_HMAC_SHA1_80"})
    void libsrtpProtectsEngineUnprotects(String suite) {
        byte[] key = keyAndSalt(Engines.suite(suite), suite.hashCode());
        try (LibSrtpPeer peer = LibSrtpPeer.start(suite, key); SrtpSession rx = session(suite, key)) {
            List<byte[]> plain = new ArrayList<>();
            List<byte[]> wire = new ArrayList<>();
            for (int seq : sequence()) {
                byte[] p = Packets.rtp(SSRC, seq, 160);
                plain.add(p);
                wire.add(assertProtected(peer.protectRtp(p), peer));
            }
            // deliver in order first packet (starts the context), then shuffled within blocks of 32
            List<Integer> order = new ArrayList<>();
            order.add(0);
            Random random = new Random(7);
            for (int block = 1; block < wire.size(); block += 32) {
                List<Integer> part = new ArrayList<>();
                for (int i = block; i < Math.min(block + 32, wire.size()); i++) {
                    part.add(i);
                }
                Collections.shuffle(part, random);
                order.addAll(part);
            }
            SrtpPacket pkt = new SrtpPacket(new byte[2048]);
            int ok = 0;
            for (int i : order) {
                assertEquals(SrtpStatus.OK, unprotect(rx, pkt, wire.get(i)), suite + " packet " + i);
                assertArrayEquals(plain.get(i), Arrays.copyOf(pkt.buffer(), pkt.length()), suite + " payload " + i);
                ok++;
                if (i % 50 == 0) {
                    assertEquals(SrtpStatus.REPLAY_DUP, unprotect(rx, pkt, wire.get(i)), "duplicate " + i);
                    byte[] tampered = wire.get(i).clone();
                    tampered[tampered.length - 1] ^= 0x40;
                    SrtpStatus st = unprotect(rx, pkt, tampered);
                    // a packet already received is refused by the replay list before its tag is checked
                    assertEquals(SrtpStatus.REPLAY_DUP, st);
                }
            }
            assertEquals(wire.size(), ok);
            // tampered fresh packets: tag and payload
            byte[] next = assertProtected(peer.protectRtp(Packets.rtp(SSRC, 151, 160)), peer);
            byte[] badTag = next.clone();
            badTag[badTag.length - 1] ^= 1;
            assertEquals(SrtpStatus.AUTH_FAIL, unprotect(rx, pkt, badTag));
            byte[] badPayload = next.clone();
            badPayload[20] ^= 1;
            assertEquals(SrtpStatus.AUTH_FAIL, unprotect(rx, pkt, badPayload));
            assertEquals(SrtpStatus.OK, unprotect(rx, pkt, next));
            SrtpSession.StreamStats st = rx.stats().streams().get(0);
            assertEquals(wire.size() + 1, st.rtpOk());
            assertEquals(1, st.roc());
            assertEquals(2, st.authFailures());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "NULL_HMAC_SHA1_80"})
    void engineProtectsLibsrtpUnprotects(String suite) {
        byte[] key = keyAndSalt(Engines.suite(suite), suite.hashCode() + 1);
        try (LibSrtpPeer peer = LibSrtpPeer.start(suite, key); SrtpSession tx = session(suite, key)) {
            SrtpPacket pkt = new SrtpPacket(new byte[2048]);
            int n = 0;
            for (int seq : sequence()) {
                byte[] p = Packets.rtp(SSRC, seq, 160);
                System.arraycopy(p, 0, pkt.buffer(), 0, p.length);
                pkt.length(p.length);
                assertEquals(SrtpStatus.OK, tx.protectRtp(pkt));
                byte[] wire = Arrays.copyOf(pkt.buffer(), pkt.length());
                assertArrayEquals(p, peer.unprotectRtp(wire), suite + " seq " + seq + ": " + peer.lastError());
                if (n++ % 60 == 0) {
                    assertNull(peer.unprotectRtp(wire), "libsrtp must refuse the duplicate");
                    byte[] bad = Packets.rtp(SSRC, (seq + 1) & 0xffff, 160);
                    System.arraycopy(bad, 0, pkt.buffer(), 0, bad.length);
                    pkt.length(bad.length);
                    assertEquals(SrtpStatus.OK, tx.protectRtp(pkt));
                    pkt.buffer()[pkt.length() - 2] ^= 1;
                    assertNull(peer.unprotectRtp(Arrays.copyOf(pkt.buffer(), pkt.length())), "tampered");
                    assertEquals(SrtpStatus.REPLAY_DUP, tx.protectRtp(pkt.length(bad.length)),
                            "the engine never sends one index twice");
                    return;
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "NULL_HMAC_SHA1_80"})
    void srtcpBothWays(String suite) {
        byte[] key = keyAndSalt(Engines.suite(suite), suite.hashCode() + 2);
        try (LibSrtpPeer peer = LibSrtpPeer.start(suite, key); SrtpSession engineSide = session(suite, key)) {
            SrtpPacket pkt = new SrtpPacket(new byte[2048]);
            List<byte[]> fromPeer = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fromPeer.add(assertProtected(peer.protectRtcp(Packets.rtcp(SSRC, i)), peer));
            }
            Collections.swap(fromPeer, 3, 7);
            for (byte[] w : fromPeer) {
                assertEquals(SrtpStatus.OK, unprotectRtcp(engineSide, pkt, w), suite);
                assertEquals(32, pkt.length());
            }
            assertEquals(SrtpStatus.REPLAY_DUP, unprotectRtcp(engineSide, pkt, fromPeer.get(5)));
            byte[] bad = assertProtected(peer.protectRtcp(Packets.rtcp(SSRC, 99)), peer);
            bad[10] ^= 1;
            assertEquals(SrtpStatus.AUTH_FAIL, unprotectRtcp(engineSide, pkt, bad));

            for (int i = 0; i < 20; i++) {
                byte[] p = Packets.rtcp(SSRC + 1, i);
                System.arraycopy(p, 0, pkt.buffer(), 0, p.length);
                pkt.length(p.length);
                assertEquals(SrtpStatus.OK, engineSide.protectRtcp(pkt));
                byte[] w = Arrays.copyOf(pkt.buffer(), pkt.length());
                assertArrayEquals(p, peer.unprotectRtcp(w), suite + " rtcp " + i + ": " + peer.lastError());
                if (i == 10) {
                    assertNull(peer.unprotectRtcp(w), "duplicate SRTCP");
                }
            }
        }
    }

    /**
     * Debian's libsrtp 2.5.0 does not derive AES-192 session keys as RFC 6188 §7.4 does: its KDF
     * runs AES-256 keyed with the 24-byte master key plus the first 8 salt bytes, with the other 6
     * salt bytes (zero-padded) as PRF salt. The engine matches the RFC vectors
     * ({@code KnownAnswerTest}); trusting the vectors, the two disagree. The test pins libsrtp's
     * derivation exactly, and fails the day a libsrtp build gets it right, so that the interop
     * list can grow.
     */
    @ParameterizedTest
    @ValueSource(strings = {"AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32"})
    void aes192LibsrtpDisagreesWithRfc6188(String suite) {
        byte[] key = keyAndSalt(Engines.suite(suite), 192);
        try (LibSrtpPeer peer = LibSrtpPeer.start(suite, key); SrtpSession engineSide = session(suite, key)) {
            SrtpPacket pkt = new SrtpPacket(new byte[2048]);
            byte[] w = assertProtected(peer.protectRtp(Packets.rtp(SSRC, 1, 160)), peer);
            assertEquals(SrtpStatus.AUTH_FAIL, unprotect(engineSide, pkt, w));
            // libsrtp talks to itself, so the difference is in key derivation, not in framing
            assertArrayEquals(Packets.rtp(SSRC, 1, 160), peer.unprotectRtp(w));
            byte[] prfKey = Arrays.copyOf(key, 32);
            byte[] prfSalt = Arrays.copyOf(Arrays.copyOfRange(key, 32, 38), 14);
            byte[] auth = new byte[20];
            try (SrtpKdf libsrtpKdf = new SrtpKdf(prfKey, prfSalt)) {
                libsrtpKdf.derive(SrtpKdf.LABEL_RTP_AUTH, 0, auth, 20);
            }
            byte[] tag = hmacSha1(auth, w, w.length - Engines.suite(suite).srtpAuthTagLength());
            assertArrayEquals(Arrays.copyOfRange(w, w.length - tag.length, w.length), tag,
                    "libsrtp's AES-192 auth key is the AES-256 PRF over key || salt[0..8]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM"})
    void mkiSelectsAmongTwoMasterKeys(String suite) {
        SrtpCryptoSuite s = Engines.suite(suite);
        byte[] k1 = keyAndSalt(s, 11);
        byte[] k2 = keyAndSalt(s, 12);
        byte[] mki1 = SrtpMasterKey.mki(1, 4);
        byte[] mki2 = SrtpMasterKey.mki(2, 4);
        SrtpPolicy policy = new SrtpPolicy(suite, List.of(masterKey(s, k1, mki1, 10), masterKey(s, k2, mki2, 0)), 0,
                false, false, false, SrtpPolicy.DEFAULT_REPLAY_WINDOW, 4);
        try (LibSrtpPeer peer = LibSrtpPeer.startWithMki(suite, k1, mki1, k2, mki2);
                SrtpSession rx = engine.newSession(Engines.copy(policy)); SrtpSession tx = engine.newSession(Engines.copy(policy))) {
            SrtpPacket pkt = new SrtpPacket(new byte[2048]);
            for (int seq = 0; seq < 10; seq++) {
                byte[] w = assertProtected(peer.protectRtp(Packets.rtp(SSRC, seq, 160)), peer);
                assertEquals(SrtpStatus.OK, unprotect(rx, pkt, w), "key 1, seq " + seq);
            }
            peer.useKey(1);
            for (int seq = 10; seq < 20; seq++) {
                byte[] w = assertProtected(peer.protectRtp(Packets.rtp(SSRC, seq, 160)), peer);
                assertEquals(SrtpStatus.OK, unprotect(rx, pkt, w), "key 2, seq " + seq);
            }
            // past its lifetime of 10 packets, key 1 is refused
            peer.useKey(0);
            byte[] late = assertProtected(peer.protectRtp(Packets.rtp(SSRC, 20, 160)), peer);
            assertEquals(SrtpStatus.KEY_EXPIRED, unprotect(rx, pkt, late));
            byte[] unknown = assertProtected(peer.protectRtp(Packets.rtp(SSRC, 21, 160)), peer);
            int mkiAt = s.aead() ? unknown.length - 4 : unknown.length - s.srtpAuthTagLength() - 4;
            unknown[mkiAt + 3] = 9;
            assertEquals(SrtpStatus.UNKNOWN_MKI, unprotect(rx, pkt, unknown));
            assertEquals(1, rx.stats().streams().get(0).keyExpired());
            assertEquals(1, rx.stats().streams().get(0).unknownMki());

            // the engine sends 10 packets under key 1, then moves to key 2; libsrtp follows the MKI
            for (int seq = 0; seq < 25; seq++) {
                byte[] p = Packets.rtp(SSRC + 5, seq, 160);
                System.arraycopy(p, 0, pkt.buffer(), 0, p.length);
                pkt.length(p.length);
                assertEquals(SrtpStatus.OK, tx.protectRtp(pkt));
                byte[] w = Arrays.copyOf(pkt.buffer(), pkt.length());
                int at = s.aead() ? w.length - 4 : w.length - s.srtpAuthTagLength() - 4;
                assertEquals(seq < 10 ? 1 : 2, w[at + 3], "MKI in use at seq " + seq);
                assertArrayEquals(p, peer.unprotectRtp(w), "seq " + seq + ": " + peer.lastError());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void streamStartingMidFlightIsFoundByRocProbe(String suite) {
        byte[] key = keyAndSalt(Engines.suite(suite), 42);
        try (LibSrtpPeer peer = LibSrtpPeer.start(suite, key); SrtpSession rx = session(suite, key)) {
            assertProtected(peer.protectRtp(Packets.rtp(SSRC, 999, 160)), peer);
            peer.setRoc(SSRC, 3);
            SrtpPacket pkt = new SrtpPacket(new byte[2048]);
            byte[] first = assertProtected(peer.protectRtp(Packets.rtp(SSRC, 1000, 160)), peer);
            assertEquals(SrtpStatus.AUTH_FAIL, unprotect(rx, pkt, first), "ROC 0 fails, SSRC remembered");
            byte[] second = assertProtected(peer.protectRtp(Packets.rtp(SSRC, 1001, 160)), peer);
            assertEquals(SrtpStatus.OK, unprotect(rx, pkt, second), "second failure probes ROC 1..16");
            assertArrayEquals(Packets.rtp(SSRC, 1001, 160), Arrays.copyOf(pkt.buffer(), pkt.length()));
            assertEquals(SrtpStatus.OK, unprotect(rx, pkt, first), "the first packet now decrypts at ROC 3");
            for (int seq = 1002; seq < 1010; seq++) {
                assertEquals(SrtpStatus.OK, unprotect(rx, pkt, peer.protectRtp(Packets.rtp(SSRC, seq, 160))));
            }
            SrtpSession.Stats stats = rx.stats();
            assertEquals(1, stats.rocProbeRecoveries());
            assertEquals(3, stats.streams().get(0).rocProbed());
            assertEquals(3, stats.streams().get(0).roc());
            assertEquals(1, stats.unknownSsrcAuthFailures());
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] data, int len) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, 0, len);
            mac.update(new byte[4]);
            return Arrays.copyOf(mac.doFinal(), data.length - len);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] assertProtected(byte[] w, LibSrtpPeer peer) {
        assertNotNull(w, () -> "libsrtp failed: " + peer.lastError());
        return w;
    }

    private static SrtpStatus unprotect(SrtpSession s, SrtpPacket pkt, byte[] wire) {
        System.arraycopy(wire, 0, pkt.buffer(), 0, wire.length);
        pkt.length(wire.length);
        return s.unprotectRtp(pkt);
    }

    private static SrtpStatus unprotectRtcp(SrtpSession s, SrtpPacket pkt, byte[] wire) {
        System.arraycopy(wire, 0, pkt.buffer(), 0, wire.length);
        pkt.length(wire.length);
        return s.unprotectRtcp(pkt);
    }
}
