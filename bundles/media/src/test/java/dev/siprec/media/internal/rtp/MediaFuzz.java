package dev.siprec.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.siprec.sdp.api.Codec;

/**
 * Jazzer targets for RTP and RTCP parsing and the per-stream path behind them (issue 9): seeds under
 * {@code MediaFuzzInputs/<method>/}, replayed as regression tests in {@code mvn verify}, fuzzed with
 * {@code JAZZER_FUZZ=1} (docs/security.md). A stream input is a sequence of records
 * {@code [advance ms][length hi][length lo][packet bytes]}: the packets arrive on a test clock. No
 * exception may escape, the sink sees contiguous audio, and the audio written never runs ahead of
 * the wall clock by more than the jitter window (issue 9 item 3).
 */
class MediaFuzz {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 20000);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 30000);
    private static final long JITTER_NANOS = 60_000_000L;
    private static final List<Codec> NARROW = List.of(new Codec(0, "PCMU", 8000, 1, null),
            new Codec(8, "PCMA", 8000, 1, null), new Codec(9, "G722", 8000, 1, null),
            new Codec(101, "telephone-event", 8000, 1, "0-16"), new Codec(13, "CN", 8000, 1, null));
    private static final List<Codec> OPUS = List.of(new Codec(111, "opus", 48000, 2, "useinbandfec=1"),
            new Codec(101, "telephone-event", 48000, 1, "0-16"));

    @FuzzTest(maxDuration = "10m")
    void datagram(byte[] b) {
        RtpView view = new RtpView();
        if (view.parse(b, b.length)) {
            assertTrue(view.payloadOffset() >= RtpView.FIXED_HEADER && view.payloadLength() >= 0
                    && view.payloadOffset() + view.payloadLength() <= b.length, "payload outside the packet");
        }
        RtpView.peekPayloadType(b, b.length);
        RtpView.isRtcp(b, b.length);
        int count = RtcpParser.parse(b, b.length, new RtcpParser.Listener() {
            @Override
            public void senderReport(long ssrc, long ntpSeconds, long ntpFraction, long rtpTimestamp) {
            }

            @Override
            public void bye(long ssrc) {
            }
        });
        assertTrue(count == -1 || (count >= 1 && count <= RtcpParser.MAX_PACKETS), "RTCP count " + count);
    }

    @FuzzTest(maxDuration = "10m")
    void narrowbandStream(byte[] records) {
        stream(records, 8000, NARROW);
    }

    @FuzzTest(maxDuration = "10m")
    void opusStream(byte[] records) {
        stream(records, 48000, OPUS);
    }

    private static void stream(byte[] in, int rate, List<Codec> codecs) {
        TestClock clock = new TestClock();
        long start = clock.now;
        CapturingOutput out = new CapturingOutput();
        StreamPipeline p = new StreamPipeline("f", rate, codecs, null, JITTER_NANOS, new SafeOutput("f", out), clock,
                new StreamCounters(), LOCAL);
        int i = 0;
        while (i + 3 <= in.length) {
            clock.advanceMillis(in[i] & 0xFF);
            int len = Math.min(((in[i + 1] & 0xFF) << 8 | (in[i + 2] & 0xFF)) % 1501, in.length - i - 3);
            byte[] packet = java.util.Arrays.copyOfRange(in, i + 3, i + 3 + len);
            p.packet(packet, len, clock.now, PEER);
            p.tick(clock.now);
            i += 3 + len;
        }
        clock.advanceMillis(200);
        p.tick(clock.now);
        p.close();
        assertNull(out.error, out.error);
        long elapsedMillis = (clock.now - start) / 1_000_000L;
        long bound = (long) rate * (elapsedMillis + JITTER_NANOS / 1_000_000L + 1000) / 1000;
        assertTrue(out.length() <= bound, "audio ahead of the wall clock: " + out.length() + " samples after "
                + elapsedMillis + " ms");
    }
}
