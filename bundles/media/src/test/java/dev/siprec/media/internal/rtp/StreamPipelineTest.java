package dev.siprec.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.sdp.api.Codec;

/** The per-stream path with a test clock: timeline, gaps, SSRC changes, hold, DTMF, CN, SR timing, raw pcap. */
class StreamPipelineTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 20000);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 30000);
    private static final List<Codec> CODECS = List.of(new Codec(0, "PCMU", 8000, 1, null),
            new Codec(101, "telephone-event", 8000, 1, "0-16"), new Codec(13, "CN", 8000, 1, null),
            new Codec(9, "G722", 8000, 1, null), new Codec(96, "X-UNKNOWN", 8000, 1, null));

    private final TestClock clock = new TestClock();
    private final CapturingOutput out = new CapturingOutput();
    private final StreamCounters counters = new StreamCounters();
    private Path raw;
    private StreamPipeline pipeline;

    private StreamPipeline pipeline() {
        if (pipeline == null) {
            pipeline = new StreamPipeline("a", 8000, CODECS, raw, 60_000_000L, new SafeOutput("a", out), clock, counters,
                    LOCAL);
        }
        return pipeline;
    }

    private void send(int pt, int seq, long ts, long ssrc, byte[] payload) {
        byte[] p = Rtp.packet(pt, seq & 0xFFFF, ts & 0xFFFFFFFFL, ssrc, false, payload);
        pipeline().packet(p, p.length, clock.now, PEER);
    }

    /** {@code packets} 20 ms PCMU packets of a 1 kHz tone, one every 20 ms of the test clock. */
    private void talk(int seq, long ts, long ssrc, int packets) {
        for (int i = 0; i < packets; i++) {
            send(0, seq + i, ts + 160L * i, ssrc, Rtp.ulawTone(1000, (int) (ts + 160L * i), 160, 8000));
            clock.advanceMillis(20);
        }
    }

    @Test
    void continuousStreamIsContiguousAndTimed() {
        talk(1000, 5000, 7, 50);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(8000, out.length());
        assertEquals(new CapturingOutput.Timing("a", 0, TestClock.BASE.plusSeconds(1), false), out.timings.get(0));
        short[] pcm = out.samples();
        assertTrue(Rtp.goertzel(pcm, 0, pcm.length, 1000, 8000) / (2 * Rtp.power(pcm, 0, pcm.length)) > 0.95);
    }

    @Test
    void lossIsFilledWithSilenceKeepingDuration() {
        talk(0, 0, 7, 10);
        clock.advanceMillis(40); // packets 10 and 11 lost
        for (int i = 12; i < 20; i++) {
            send(0, i, 160L * i, 7, Rtp.ulawTone(1000, 160 * i, 160, 8000));
            clock.advanceMillis(20);
        }
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(20 * 160, out.length());
        assertEquals(2, counters.lost);
        assertEquals(0, Rtp.power(out.samples(), 1600, 1920));
    }

    @Test
    void timestampJumpIsReanchoredOnArrival() {
        talk(0, 0, 7, 25);
        talk(25, 3_000_000, 7, 25); // sender bug: timestamps jump by 6 minutes
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(8000, out.length(), 160);
    }

    @Test
    void ssrcChangeKeepsTheTimelineContinuous() {
        talk(100, 0, 7, 25);
        clock.advanceMillis(200);
        talk(50000, 123_456_789L, 8, 5);
        // a straggler of the old SSRC just after the switch is late, not a switch back
        send(0, 125, 4000, 7, new byte[160]);
        assertEquals(1, counters.late);
        talk(50005, 123_456_789L + 800, 8, 20);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(List.of(7L, 8L), counters.ssrcs);
        // 0.5 s + 0.2 s pause + 0.5 s
        assertEquals(9600, out.length(), 160);
    }

    @Test
    void holdWithFrozenTimestampsIsFilledWithSilence() {
        talk(0, 0, 7, 50);
        pipeline().hold();
        clock.advanceMillis(5000);
        pipeline().silenceUntil(clock.now);
        talk(50, 160 * 50, 7, 50); // timestamps did not advance during the hold
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(8000 * 7, out.length(), 160);
        assertEquals(0, counters.lost);
    }

    @Test
    void longSilenceWithRunningTimestampsIsFilled() {
        talk(0, 0, 7, 50);
        send(13, 50, 8000, 7, new byte[] {40}); // CN, then 3 s of nothing (DTX)
        clock.advanceMillis(3000);
        talk(51, 8000 + 24000, 7, 50);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(8000 * 5, out.length(), 160);
        assertEquals(0, Rtp.power(out.samples(), 9000, 30000));
    }

    @Test
    void dtmfEventIsReportedOnceAndNotWrittenAsAudio() {
        talk(0, 0, 7, 10);
        long start = 1600;
        int seq = 10;
        for (int d = 160; d <= 800; d += 160) {
            send(101, seq++, start, 7, new byte[] {5, 10, (byte) (d >> 8), (byte) d});
            clock.advanceMillis(20);
        }
        for (int i = 0; i < 3; i++) {
            send(101, seq++, start, 7, new byte[] {5, (byte) 0x8A, 3, 0x20}); // end, duration 800, sent 3 times
        }
        talk(seq, start + 800 + 160, 7, 10);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(List.of(new CapturingOutput.Dtmf("a", '5', 1600, 100)), out.dtmf);
        assertEquals(1, counters.dtmfEvents);
        assertEquals(0, Rtp.power(out.samples(), 1600, 2400));
    }

    @Test
    void dtmfWithoutEndPacketIsReportedAtTheNextEvent() {
        send(101, 1, 0, 7, new byte[] {11, 10, 0, (byte) 160});
        clock.advanceMillis(20);
        send(101, 2, 800, 7, new byte[] {12, (byte) 0x80, 0, (byte) 160});
        pipeline().close();
        assertEquals(2, out.dtmf.size());
        assertEquals('#', out.dtmf.get(0).digit());
        assertEquals('A', out.dtmf.get(1).digit());
    }

    @Test
    void senderReportMapsRtpTimeToWallClock() {
        talk(0, 1000, 7, 10);
        Instant ntp = Instant.parse("2026-11-27T12:00:05Z");
        pipeline().senderReport(7, 1000 + 800, ntp);
        assertEquals(new CapturingOutput.Timing("a", 800, ntp, true), out.timings.get(out.timings.size() - 1));
    }

    @Test
    void anotherCodecIsResampledToTheStreamRate() {
        talk(0, 0, 7, 10);
        byte[] g722 = new byte[160];
        java.util.Arrays.fill(g722, (byte) 0xFF);
        for (int i = 0; i < 10; i++) {
            send(9, 10 + i, 1600 + 160L * i, 7, g722);
            clock.advanceMillis(20);
        }
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(3200, out.length(), 4);
        assertEquals("G722", counters.codec);
    }

    @Test
    void renegotiatedFormatsAreFollowed() {
        assertTrue(pipeline().accepts(0));
        assertTrue(pipeline().accepts(96));
        assertFalse(pipeline().accepts(8));
        talk(0, 0, 7, 10);
        pipeline().configure(List.of(new Codec(8, "PCMA", 8000, 1, null), new Codec(0, "PCMU", 8000, 1, null)), null);
        assertTrue(pipeline().accepts(8));
        assertTrue(pipeline().accepts(0));
        assertFalse(pipeline().accepts(9), "G722 no longer offered");
        assertFalse(pipeline().accepts(101));
        byte[] alaw = new byte[160];
        java.util.Arrays.fill(alaw, (byte) 0xD5);
        for (int i = 0; i < 10; i++) {
            send(8, 10 + i, 1600 + 160L * i, 7, alaw);
            clock.advanceMillis(20);
        }
        talk(20, 3200, 7, 5);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(25 * 160, out.length(), 4);
        assertEquals("PCMU", counters.codec);
        assertEquals(0, counters.malformed);
    }

    @Test
    void undecodablePayloadGoesToPcap(@TempDir Path dir) throws Exception {
        raw = dir;
        for (int i = 0; i < 5; i++) {
            send(96, i, 160L * i, 7, new byte[33]);
            clock.advanceMillis(20);
        }
        pipeline().close();
        Path file = pipeline().rawFile();
        assertEquals(dir.resolve("stream-a.pcap"), file);
        byte[] pcap = Files.readAllBytes(file);
        assertEquals(24 + 5 * (16 + 20 + 8 + 12 + 33), pcap.length);
        assertEquals((byte) 0xD4, pcap[0]);
        assertEquals(101, pcap[20]);
        assertEquals(5, counters.undecodable);
        assertEquals(0, out.length());
    }

    @Test
    void timelineSurvivesTimestampWrapAndLongRuns() {
        Timeline t = new Timeline(8000, new SafeOutput("a", out), clock);
        long ts = 0xFFFF_F000L;
        long expected = 0;
        // 20 hours of 20 ms packets would take too long; jump the clock in 40-minute steps (80 hours, past 2^31 ticks) with matching timestamps
        for (int i = 0; i < 120; i++) {
            long pos = t.position(7, ts & 0xFFFFFFFFL, 8000, clock.now, true, false);
            assertEquals(expected, pos, "step " + i);
            ts += 8000L * 2400;
            expected += 8000L * 2400;
            clock.advanceMillis(2_400_000);
        }
    }

    /**
     * Attack (issue 9, item 3): timestamps that jump 0.99 s per 20 ms packet, each jump under the re-anchoring
     * limit, turned 60 s of packets into 2,984 s of audio on disk.
     */
    @Test
    void timestampsRunningFasterThanWallTimeDoNotInflateTheRecording() {
        long ts = 0;
        for (int i = 0; i < 3000; i++) {
            send(0, i, ts, 7, Rtp.ulawTone(1000, (int) ts, 160, 8000));
            ts += 7920; // 0.99 s at 8 kHz
            clock.advanceMillis(20);
        }
        pipeline().close();
        assertNull(out.error, out.error);
        long limit = 60 * 8000 + (60 + Timeline.SLACK_MILLIS) * 8 + 160;
        assertTrue(out.length() <= limit, "60 s of packets wrote " + out.length() / 8000.0 + " s");
        assertTrue(out.length() >= 3000 * 160, "the audio itself is kept: " + out.length());
        assertTrue(pipeline().timeline().clampedSamples() > 2000L * 8000, "the excess is counted: "
                + pipeline().timeline().clampedSamples());
    }

    @Test
    void aStallOfTheReceivingThreadInsertsNoSilence() {
        talk(0, 0, 7, 25);
        clock.advanceMillis(1500); // nothing processed for 1.5 s, then the backlog in one burst
        for (int i = 25; i < 100; i++) {
            send(0, i, 160L * i, 7, Rtp.ulawTone(1000, 160 * i, 160, 8000));
        }
        talk(100, 16000, 7, 25);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(125 * 160, out.length());
        assertEquals(0, counters.lost);
    }

    @Test
    void aMarkedTalkspurtAfterAPauseWithFrozenTimestampsIsPlacedByArrival() {
        talk(0, 0, 7, 25);
        clock.advanceMillis(3000);
        byte[] p = Rtp.packet(0, 25, 160L * 25, 7, true, Rtp.ulawTone(1000, 0, 160, 8000));
        pipeline().packet(p, p.length, clock.now, PEER);
        clock.advanceMillis(20);
        talk(26, 160L * 26, 7, 24);
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(50 * 160 + 3 * 8000, out.length(), 160);
    }

    @Test
    void switchingBackToAnEarlierSsrcIsFollowed() {
        talk(0, 0, 7, 25); // A
        talk(9000, 777_000, 8, 25); // B (e.g. music on hold from another source)
        talk(25, 160 * 25, 7, 25); // back to A, its sequence continuing
        pipeline().close();
        assertNull(out.error, out.error);
        assertEquals(List.of(7L, 8L), counters.ssrcs);
        assertEquals(75 * 160, out.length(), 160);
        assertEquals(0, counters.late);
    }
}
