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
        assertEquals(2, counters.malformed);
        assertEquals(1, counters.refusedSource);
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

    private static final InetSocketAddress ATTACKER = new InetSocketAddress("198.51.100.66", 40000);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.10", 4000);

    private static java.net.InetAddress ip(String s) {
        try {
            return java.net.InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private PacketHandler strict(InetSocketAddress offered, String sipPeer) {
        StreamSettings s = new StreamSettings("a", CODECS, true, offered, null, 20, null, null,
                sipPeer == null ? null : ip(sipPeer));
        return new PacketHandler("a", pipeline, counters, true, (SrtpContexts) null, true, LatchRule.of(s, false), false);
    }

    private void rtcpSenderReport(PacketHandler h, InetSocketAddress from) {
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) 200;
        sr[3] = 6;
        Rtp.put32(sr, 4, 7);
        Rtp.put32(sr, 8, Instant.parse("2026-11-27T12:00:00Z").getEpochSecond() + 2_208_988_800L);
        Rtp.put32(sr, 16, 160);
        deliver(h, sr, from);
    }

    /** Attack (issue 9, item 1): a third host sends valid RTP first and takes over a plain-RTP stream. */
    @Test
    void injectionFromAThirdHostIsRefusedWhenTheOfferNamesARoutableAddress() {
        PacketHandler h = strict(CLIENT, "203.0.113.99");
        for (int i = 0; i < 5; i++) {
            deliver(h, rtp(0), ATTACKER);
        }
        assertNull(h.latched(), "the attacker's packets latched the stream");
        deliver(h, rtp(0), new InetSocketAddress("203.0.113.99", 5060)); // the SIP peer is not the offered media address
        assertNull(h.latched());
        deliver(h, rtp(0), CLIENT);
        deliver(h, rtp(0), ATTACKER);
        assertEquals(CLIENT, h.latched());
        assertEquals(1, counters.received);
        assertEquals(7, counters.refusedSource);
        assertEquals(160, out.length(), "only the client's audio is recorded");
    }

    /** Attack: behind NAT the offer's address is private, so only the SIP peer's address may latch. */
    @Test
    void behindNatOnlyTheSipPeersAddressLatches() {
        PacketHandler h = strict(new InetSocketAddress("10.1.2.3", 4000), "203.0.113.7");
        deliver(h, rtp(0), ATTACKER);
        deliver(h, rtp(0), new InetSocketAddress("100.64.1.1", 4000));
        assertNull(h.latched());
        InetSocketAddress natted = new InetSocketAddress("203.0.113.7", 61000);
        deliver(h, rtp(0), natted);
        assertEquals(natted, h.latched());
        assertEquals(2, counters.refusedSource);
        assertEquals(1, counters.received);
    }

    /** Attack: wait for a 2 s pause of the client (hold, VAD), then take the stream over from elsewhere. */
    @Test
    void neverRelatchesToAnotherAddressWithoutANewOffer() {
        PacketHandler h = strict(new InetSocketAddress("192.168.1.20", 4000), "203.0.113.7");
        InetSocketAddress natted = new InetSocketAddress("203.0.113.7", 61000);
        deliver(h, rtp(0), natted);
        clock.advanceMillis(10_000);
        deliver(h, rtp(0), ATTACKER);
        assertEquals(natted, h.latched(), "another address took over after silence");
        InetSocketAddress newPort = new InetSocketAddress("203.0.113.7", 61002);
        deliver(h, rtp(0), newPort); // a relay restarted on another port of the same address
        assertEquals(newPort, h.latched());
        // a new offer moves the media to another routable address: the old one is dropped at once
        InetSocketAddress moved = new InetSocketAddress("203.0.113.50", 7000);
        h.update(new StreamSettings("a", CODECS, true, moved, null, 20, null, null, ip("203.0.113.7")), null, engine,
                clock.now);
        assertNull(h.latched());
        deliver(h, rtp(0), newPort);
        assertNull(h.latched());
        deliver(h, rtp(0), moved);
        assertEquals(moved, h.latched());
        assertEquals(3, counters.received);
        assertEquals(2, counters.refusedSource);
    }

    /** Attack: forged RTCP sender reports shift the stream's wall-clock alignment. */
    @Test
    void rtcpIsAcceptedOnlyFromTheLatchedPeer() {
        PacketHandler h = strict(CLIENT, null);
        rtcpSenderReport(h, CLIENT); // before any RTP: nobody is latched yet
        assertEquals(0, counters.rtcpPackets);
        deliver(h, rtp(0), CLIENT);
        int timings = out.timings.size();
        rtcpSenderReport(h, ATTACKER);
        assertEquals(0, counters.rtcpPackets);
        assertEquals(timings, out.timings.size(), "a forged sender report changed the timing");
        rtcpSenderReport(h, new InetSocketAddress(CLIENT.getAddress(), CLIENT.getPort() + 1));
        assertEquals(1, counters.rtcpPackets);
        assertEquals(2, counters.refusedSource);
    }

    @Test
    void latchAnyKeepsTheOldBehaviourForRelaysThatOptIn() {
        StreamSettings s = new StreamSettings("a", CODECS, true, CLIENT, null, 20, null, null, null);
        PacketHandler h = new PacketHandler("a", pipeline, counters, true, (SrtpContexts) null, true, LatchRule.of(s, true), true);
        deliver(h, rtp(0), ATTACKER);
        assertEquals(ATTACKER, h.latched());
        clock.advanceMillis(3000);
        deliver(h, rtp(0), CLIENT);
        assertEquals(CLIENT, h.latched());
    }

    @Test
    void noAddressAndNoPeerMeansNoLatch() {
        PacketHandler h = strict(null, null);
        deliver(h, rtp(0), CLIENT);
        assertNull(h.latched());
        assertEquals(1, counters.refusedSource);
        assertTrue(LatchRule.routable(ip("127.0.0.1")));
        assertFalse(LatchRule.routable(ip("172.16.0.1")));
        assertFalse(LatchRule.routable(ip("fd00::1")));
        assertFalse(LatchRule.routable(ip("fe80::1")));
        assertTrue(LatchRule.routable(ip("2001:db8::1")));
        assertTrue(LatchRule.of(new StreamSettings("a", CODECS, true, new InetSocketAddress("::ffff:203.0.113.10", 4000),
                null, 20, null, null, null), false).allows(ip("203.0.113.10")));
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
