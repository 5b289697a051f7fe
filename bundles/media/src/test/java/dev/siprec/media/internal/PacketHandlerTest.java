package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.media.internal.rtp.SafeOutput;
import dev.siprec.media.internal.rtp.SrtpContexts;
import dev.siprec.media.internal.rtp.StreamCounters;
import dev.siprec.media.internal.rtp.StreamPipeline;
import dev.siprec.media.internal.rtp.TestClock;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPolicy;

/** Latching, re-latching, SRTP outcomes and re-keying, RTCP, hold: the packet path with a test clock. */
class PacketHandlerTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 30000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 30002);
    private static final List<Codec> CODECS = List.of(new Codec(0, "PCMU", 8000, 1, null));
    private static final byte[] KEY1 = key(1);
    private static final byte[] KEY2 = key(2);

    private final TestClock clock = new TestClock();
    private final CapturingOutput out = new CapturingOutput();
    private final StreamCounters counters = new StreamCounters();
    private final FakeSrtpEngine engine = new FakeSrtpEngine();
    private final StreamPipeline pipeline = new StreamPipeline("a", 8000, CODECS, null, 60_000_000L,
            new SafeOutput("a", out), clock, counters, new InetSocketAddress("127.0.0.1", 20000));
    private int seq;

    private static byte[] key(int fill) {
        byte[] k = new byte[16];
        java.util.Arrays.fill(k, (byte) (0x40 + fill));
        return k;
    }

    private static SrtpPolicy policy(byte[] key) {
        return SrtpPolicy.of("FAKE_SUITE", new SrtpMasterKey(key, new byte[14]));
    }

    private PacketHandler handler(SrtpPolicy policy) {
        SrtpContexts srtp = policy == null ? null : SrtpContexts.open("a", engine, policy);
        return new PacketHandler("a", pipeline, counters, true, srtp, true);
    }

    private byte[] rtp(int pt) {
        int s = seq++;
        return Rtp.packet(pt, s, 160L * s, 7, false, Rtp.ulawTone(1000, 160 * s, 160, 8000));
    }

    private void deliver(PacketHandler h, byte[] p, InetSocketAddress from) {
        byte[] buf = java.util.Arrays.copyOf(p, p.length + 64);
        h.datagram(buf, p.length, from, false, clock.now);
        clock.advanceMillis(20);
    }

    @Test
    void latchesOnTheFirstValidPacketAndDropsOtherSources() {
        PacketHandler h = handler(null);
        deliver(h, rtp(8), B); // PCMA was not negotiated: not valid, no latch
        assertNull(h.latched());
        deliver(h, rtp(0), A);
        deliver(h, rtp(0), B);
        deliver(h, new byte[] {1, 2, 3}, A);
        assertEquals(A, h.latched());
        assertEquals(1, counters.received);
        assertEquals(3, counters.malformed);
    }

    @Test
    void relatchesWhenTheLatchedSourceIsSilentForTwoSeconds() {
        PacketHandler h = handler(null);
        deliver(h, rtp(0), A);
        clock.advanceMillis(1900);
        deliver(h, rtp(0), B);
        assertEquals(A, h.latched());
        clock.advanceMillis(200);
        deliver(h, rtp(0), B);
        assertEquals(B, h.latched());
        assertEquals(2, counters.received);
    }

    @Test
    void srtpOutcomesAreCountedNotThrown() {
        PacketHandler h = handler(policy(KEY1));
        byte[] good = FakeSrtpEngine.protect(KEY1, rtp(0), false);
        deliver(h, FakeSrtpEngine.protect(KEY2, rtp(0), false), B); // wrong key: no latch
        assertNull(h.latched());
        deliver(h, good, A);
        deliver(h, good, A); // replay
        assertEquals(A, h.latched());
        assertEquals(1, counters.received);
        assertEquals(1, counters.authFailed);
        assertEquals(1, counters.replayed);
        assertEquals("FAKE_SUITE", h.suite());
    }

    @Test
    void rekeyKeepsOldKeysUntilTheFirstPacketUnderTheNewOnes() {
        PacketHandler h = handler(policy(KEY1));
        deliver(h, FakeSrtpEngine.protect(KEY1, rtp(0), false), A);
        h.update(new StreamSettings("a", CODECS, true, null, policy(KEY1), 20), null, engine, clock.now);
        assertEquals(1, engine.sessions.size(), "same keys keep the context");
        h.update(new StreamSettings("a", CODECS, true, null, policy(KEY2), 20), null, engine, clock.now);
        assertEquals(2, engine.sessions.size());
        deliver(h, FakeSrtpEngine.protect(KEY1, rtp(0), false), A); // in flight under the old key
        assertFalse(engine.sessions.get(0).closed);
        deliver(h, FakeSrtpEngine.protect(KEY2, rtp(0), false), A);
        assertTrue(engine.sessions.get(0).closed, "old keys wiped after the first new packet");
        deliver(h, FakeSrtpEngine.protect(KEY1, rtp(0), false), A);
        assertEquals(3, counters.received);
        assertEquals(1, counters.authFailed);
        h.close(clock.now);
        assertTrue(engine.sessions.get(1).closed);
    }

    @Test
    void srtpWithoutAnEngineIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpContexts.open("a", null, policy(KEY1)));
        assertTrue(e.getMessage().contains("no SRTP engine"), e.getMessage());
    }

    @Test
    void multiplexedSenderReportGivesRtcpTiming() {
        PacketHandler h = handler(null);
        deliver(h, rtp(0), A);
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) 200;
        sr[3] = 6;
        Rtp.put32(sr, 4, 7);
        long ntpSeconds = Instant.parse("2026-11-27T12:00:00Z").getEpochSecond() + 2_208_988_800L;
        Rtp.put32(sr, 8, ntpSeconds);
        Rtp.put32(sr, 12, 0x80000000L); // half a second
        Rtp.put32(sr, 16, 160);
        deliver(h, sr, A);
        assertEquals(1, counters.rtcpPackets);
        CapturingOutput.Timing t = out.timings.get(out.timings.size() - 1);
        assertTrue(t.fromRtcp());
        assertEquals(160, t.position());
        assertEquals(Instant.parse("2026-11-27T12:00:00.500Z"), t.wallClock());
    }

    @Test
    void heldStreamCountsButDoesNotRecord() {
        PacketHandler h = handler(null);
        deliver(h, rtp(0), A);
        h.update(new StreamSettings("a", CODECS, false, null, null, 20), null, engine, clock.now);
        deliver(h, rtp(0), A);
        assertEquals(2, counters.received);
        assertEquals(160, out.length());
        clock.advanceMillis(980);
        h.close(clock.now);
        assertEquals(8000, out.length(), 160);
    }
}
