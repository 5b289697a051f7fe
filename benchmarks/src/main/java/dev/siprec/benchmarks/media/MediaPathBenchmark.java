package dev.siprec.benchmarks.media;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.siprec.media.internal.codec.G711;
import dev.siprec.media.internal.codec.G722;
import dev.siprec.media.internal.codec.Opus;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.SafeOutput;
import dev.siprec.media.internal.rtp.StreamCounters;
import dev.siprec.media.internal.rtp.StreamPipeline;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.sdp.api.Codec;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;

/**
 * The media path per 20 ms packet after the socket and SRTP (see SrtpBenchmark for those): the whole
 * stream pipeline for PCMU (RTP parse, jitter buffer, G.711 expansion, timeline, sink call), and the
 * decoders alone (G.711, G.722, Opus). Run with {@code -prof gc}: the pipeline should allocate 0 bytes
 * per packet ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MediaPathBenchmark {
    private static final long PACKET_NANOS = 20_000_000L;

    private StreamPipeline pipeline;
    private final byte[] packet = new byte[12 + 160];
    private long index;
    private final short[] pcm = new short[Opus.RATE * 120 / 1000];
    private final G711 g711 = G711.ulaw();
    private final G722 g722 = new G722();
    private final byte[] payload = new byte[160];
    private Opus opus;
    private byte[] opusPacket;
    private long samples;

    /** A clock driven by the packet index, so timestamps and arrival agree as on a clean network. */
    private final MediaClock clock = new MediaClock() {
        @Override
        public long nanoTime() {
            return index * PACKET_NANOS;
        }

        @Override
        public Instant wallClock(long nanoTime) {
            return Instant.EPOCH.plusNanos(nanoTime);
        }
    };

    @Setup
    public void setup() throws Exception {
        RecordingSink.Session sink = new RecordingSink.Session() {
            @Override
            public void audio(String key, long position, short[] data, int offset, int count) {
                samples += count + data[offset];
            }

            @Override
            public void streamAdded(MediaStream stream) {
            }

            @Override
            public void dtmf(String key, char digit, long position, int durationMillis) {
            }

            @Override
            public void metadata(int version, byte[] body, RecordingSession parsed) {
            }

            @Override
            public void updated(RecordingSession state) {
            }

            @Override
            public void end(EndReason reason) {
            }
        };
        pipeline = new StreamPipeline("a", 8000, List.of(new Codec(0, "PCMU", 8000, 1, null)), null, 60_000_000L,
                new SafeOutput("a", sink), clock, new StreamCounters(), new InetSocketAddress("127.0.0.1", 20000));
        packet[0] = (byte) 0x80;
        packet[11] = 7;
        for (int i = 0; i < 160; i++) {
            packet[12 + i] = (byte) (i * 37);
            payload[i] = (byte) (i * 37);
        }
        OpusEncoder enc = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        short[] tone = new short[960];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
        }
        byte[] out = new byte[1500];
        int len = enc.encode(tone, 0, 960, out, 0, out.length);
        opusPacket = java.util.Arrays.copyOf(out, len);
        opus = new Opus();
    }

    @Benchmark
    public long pcmuPipelinePerPacket() {
        long i = index++;
        int seq = (int) (i & 0xFFFF);
        long ts = (i * 160) & 0xFFFFFFFFL;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        packet[4] = (byte) (ts >>> 24);
        packet[5] = (byte) (ts >>> 16);
        packet[6] = (byte) (ts >>> 8);
        packet[7] = (byte) ts;
        pipeline.packet(packet, packet.length, i * PACKET_NANOS, null);
        return samples;
    }

    @Benchmark
    public int g711Decode() {
        return g711.decode(payload, 0, 160, pcm, 0);
    }

    @Benchmark
    public int g722Decode() {
        return g722.decode(payload, 0, 160, pcm, 0);
    }

    @Benchmark
    public int opusDecode() {
        return opus.decode(opusPacket, 0, opusPacket.length, pcm, 0);
    }
}
