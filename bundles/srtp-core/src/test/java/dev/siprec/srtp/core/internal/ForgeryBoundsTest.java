package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.testing.Packets;

/**
 * Issue 9 item 14: bounded work per unauthenticated packet (ROC probing rate-limited per session),
 * a configurable SSRC cap whose idle slots are reused, and no replayed packet accepted.
 */
class ForgeryBoundsTest {
    private static final String CM80 = "AES_CM_128_HMAC_SHA1_80";

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    /** The sending side, with room for every SSRC the tests send. */
    private final SrtpEngineImpl sender = Engines.engine(Engines.registry(Engines.ALL), Map.of("streams.max", 1024), now::get);
    private final SrtpPacket pkt = new SrtpPacket(new byte[2048]);

    private static SrtpMasterKey key(SrtpCryptoSuite suite) {
        Random r = new Random(suite.name().hashCode());
        byte[] k = new byte[suite.masterKeyLength()];
        byte[] s = new byte[suite.masterSaltLength()];
        r.nextBytes(k);
        r.nextBytes(s);
        return new SrtpMasterKey(k, s);
    }

    private SrtpStatus protect(SrtpSession s, byte[] p) {
        pkt.set(Arrays.copyOf(p, 2048), p.length);
        return s.protectRtp(pkt);
    }

    private SrtpStatus unprotect(SrtpSession s, byte[] w) {
        pkt.set(Arrays.copyOf(w, 2048), w.length);
        return s.unprotectRtp(pkt);
    }

    private byte[] wire() {
        return Arrays.copyOf(pkt.buffer(), pkt.length());
    }

    private byte[] protectedRtp(SrtpSession tx, long ssrc, int seq) {
        assertEquals(SrtpStatus.OK, protect(tx, Packets.rtp(ssrc, seq, 160)));
        return wire();
    }

    @Test
    void ssrcCapIsConfigurableAndAnIdleSsrcFreesItsSlot() {
        SrtpEngineImpl engine = Engines.engine(Engines.registry(Engines.ALL),
                Map.of("streams.max", 2, "streams.idle.timeout", 30), now::get);
        SrtpPolicy policy = SrtpPolicy.of(CM80, key(Engines.suite(CM80)));
        try (SrtpSession tx = sender.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            byte[] a1 = protectedRtp(tx, 1, 10);
            byte[] b1 = protectedRtp(tx, 2, 10);
            byte[] c1 = protectedRtp(tx, 3, 10);
            assertEquals(SrtpStatus.OK, unprotect(rx, a1));
            assertEquals(SrtpStatus.OK, unprotect(rx, b1));
            assertEquals(SrtpStatus.SSRC_LIMIT, unprotect(rx, c1), "the cap is 2");

            now.addAndGet(TimeUnit.SECONDS.toNanos(10));
            assertEquals(SrtpStatus.OK, unprotect(rx, protectedRtp(tx, 2, 11)), "B keeps talking");
            assertEquals(SrtpStatus.SSRC_LIMIT, unprotect(rx, protectedRtp(tx, 3, 11)), "A silent for 10 s only");

            now.addAndGet(TimeUnit.SECONDS.toNanos(25));
            assertEquals(SrtpStatus.OK, unprotect(rx, protectedRtp(tx, 3, 12)), "A silent 35 s: its slot goes to C");
            assertEquals(2, rx.stats().streams().size());

            // A comes back: its replay state was kept aside, so its old packet is a replay, a new one is fine
            assertEquals(SrtpStatus.REPLAY_DUP, unprotect(rx, a1));
            now.addAndGet(TimeUnit.SECONDS.toNanos(31));
            assertEquals(SrtpStatus.OK, unprotect(rx, protectedRtp(tx, 1, 11)), "B silent 31 s: A takes its slot");
            assertEquals(SrtpStatus.REPLAY_DUP, unprotect(rx, a1), "still a replay after A returned");
        }
        assertThrows(IllegalArgumentException.class,
                () -> Engines.engine(Engines.registry(Engines.ALL), Map.of("streams.max", 0), now::get));
        assertThrows(IllegalArgumentException.class,
                () -> Engines.engine(Engines.registry(Engines.ALL), Map.of("streams.idle.timeout", -1), now::get));
    }

    @Test
    void withoutIdleTimeoutTheCapHoldsForTheSessionsLife() {
        SrtpEngineImpl engine = Engines.engine(Engines.registry(Engines.ALL),
                Map.of("streams.max", 1, "streams.idle.timeout", 0), now::get);
        SrtpPolicy policy = SrtpPolicy.of(CM80, key(Engines.suite(CM80)));
        try (SrtpSession tx = sender.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            assertEquals(SrtpStatus.OK, unprotect(rx, protectedRtp(tx, 1, 1)));
            now.addAndGet(TimeUnit.HOURS.toNanos(1));
            assertEquals(SrtpStatus.SSRC_LIMIT, unprotect(rx, protectedRtp(tx, 2, 1)));
        }
    }

    /** Forged packets from ever new SSRCs: each costs one tag check, and probing stays within its rate. */
    @Test
    void rocProbingIsRateLimitedPerSession() {
        SrtpCryptoSuite real = Engines.suite(CM80);
        AtomicLong tagChecks = new AtomicLong();
        SrtpCryptoSuite counting = counting(real, tagChecks);
        SrtpEngineImpl engine = Engines.engine(Engines.registry(List.of(counting)),
                Map.of("roc.probe.range", 16, "roc.probe.packets", 4, "roc.probe.rate", 10), now::get);
        SrtpPolicy policy = SrtpPolicy.of(CM80, key(real));
        try (SrtpSession tx = sender.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            int forged = 0;
            for (int ssrc = 100; ssrc < 900; ssrc++) {
                byte[] w = protectedRtp(tx, ssrc, 5);
                w[w.length - 1] ^= 1;
                for (int i = 0; i < 3; i++) {
                    assertEquals(SrtpStatus.AUTH_FAIL, unprotect(rx, w));
                    forged++;
                }
            }
            long allowed = forged + 10L * 16;
            assertTrue(tagChecks.get() <= allowed, "tag checks " + tagChecks.get() + " for " + forged
                    + " forged packets, at most " + allowed + " with a burst of 10 probe rounds");

            // a second later the bucket has 10 more rounds, not more
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
            tagChecks.set(0);
            for (int ssrc = 5000; ssrc < 5100; ssrc++) {
                byte[] w = protectedRtp(tx, ssrc, 5);
                w[w.length - 1] ^= 1;
                unprotect(rx, w);
                unprotect(rx, w);
            }
            long spent = tagChecks.get();
            assertTrue(spent <= 200 + 10 * 16, "tag checks in the next second: " + spent);
            assertTrue(spent >= 200 + 16, "the refilled bucket allows probing again: " + spent);
        }
    }

    static List<SrtpCryptoSuite> suites() {
        return Engines.ALL;
    }

    /** Replays: every packet of a stream (delivered out of order) accepted once, none accepted again. */
    @ParameterizedTest
    @MethodSource("suites")
    void noReplayIsAccepted(SrtpCryptoSuite suite) {
        SrtpEngineImpl engine = Engines.engine(Engines.registry(Engines.ALL), Map.of(), now::get);
        SrtpPolicy policy = SrtpPolicy.of(suite.name(), key(suite));
        try (SrtpSession tx = sender.newSession(Engines.copy(policy));
                SrtpSession rx = engine.newSession(Engines.copy(policy))) {

            List<byte[]> sent = new ArrayList<>();
            for (int seq = 65000; seq < 65000 + 3000; seq++) {
                sent.add(protectedRtp(tx, 77, seq & 0xffff));
            }
            List<byte[]> shuffled = new ArrayList<>(sent);
            Random r = new Random(1);
            for (int i = 0; i + 8 <= shuffled.size(); i += 8) {
                Collections.shuffle(shuffled.subList(i, i + 8), r);
            }
            for (byte[] w : shuffled) {
                assertEquals(SrtpStatus.OK, unprotect(rx, w));
            }
            int accepted = 0;
            for (byte[] w : sent) {
                accepted += unprotect(rx, w) == SrtpStatus.OK ? 1 : 0;
            }
            for (int i = 0; i < 20_000; i++) {
                accepted += unprotect(rx, sent.get(r.nextInt(sent.size()))) == SrtpStatus.OK ? 1 : 0;
            }
            assertEquals(0, accepted, suite.name() + ": replayed packets accepted");
        }
    }

    private static SrtpCryptoSuite counting(SrtpCryptoSuite suite, AtomicLong calls) {
        return new SrtpCryptoSuite() {
            public String name() { return suite.name(); }
            public int masterKeyLength() { return suite.masterKeyLength(); }
            public int masterSaltLength() { return suite.masterSaltLength(); }
            public int srtpAuthTagLength() { return suite.srtpAuthTagLength(); }
            public int srtcpAuthTagLength() { return suite.srtcpAuthTagLength(); }
            public boolean aead() { return suite.aead(); }
            public long srtpLifetime() { return suite.srtpLifetime(); }
            public long srtcpLifetime() { return suite.srtcpLifetime(); }

            public SrtpTransform newTransform(byte[] k, byte[] s, long kdr, boolean enc, boolean auth) {
                SrtpTransform t = suite.newTransform(k, s, kdr, enc, auth);
                return new SrtpTransform() {
                    public int protectRtp(byte[] p, int h, int l, long ssrc, long i) { calls.incrementAndGet(); return t.protectRtp(p, h, l, ssrc, i); }
                    public int unprotectRtp(byte[] p, int h, int l, long ssrc, long i) { calls.incrementAndGet(); return t.unprotectRtp(p, h, l, ssrc, i); }
                    public int protectRtcp(byte[] p, int l, long ssrc, int i, boolean e) { return t.protectRtcp(p, l, ssrc, i, e); }
                    public int unprotectRtcp(byte[] p, int l, long ssrc) { return t.unprotectRtcp(p, l, ssrc); }
                    public void close() { t.close(); }
                };
            }
        };
    }
}
