package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;

/**
 * Writer-side cost of recording: one 20 ms frame of a two-stream call (8 kHz + 16 kHz, both stream
 * files and the resampled, aligned stereo mix, with a header flush every 50 frames = once a second of
 * audio), and the resampler alone. One writer thread sustains {@code ops/s / 50} concurrent calls.
 * <p>
 * Run from {@code bundles/recording-wav} after {@code mvn -o -q install}:
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main RecorderBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecorderBenchmark {
    private Path dir;
    private SessionRecorder recorder;
    private Resampler resampler;
    private final ShortFifo sink = new ShortFifo();
    private final short[] narrow = Signals.tone(440, 8000, 160, 9000, 0);
    private final short[] wide = Signals.tone(1000, 16000, 320, 9000, 0);
    private long frame;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("wav-bench");
        MediaStream a = Fixtures.stream("1", "1", "sA", 0, 8000);
        MediaStream b = Fixtures.stream("2", "2", "sB", 1, 16000);
        recorder = new SessionRecorder(Fixtures.settings(dir), Storage.FILES, dir, Fixtures.session("bench", "c", List.of(), List.of(a, b)),
                Clock.systemUTC());
        recorder.start();
        recorder.streamAdded(a);
        recorder.streamAdded(b);
        recorder.timing("1", 0, Fixtures.T0, false);
        recorder.timing("2", 0, Fixtures.T0, false);
        resampler = new Resampler(8000, 16000);
        frame = 0;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        recorder.end(EndReason.BYE);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public long twoStreamFrame() throws IOException {
        recorder.audio("1", 160 * frame, narrow, 160);
        recorder.audio("2", 320 * frame, wide, 320);
        if (++frame % 50 == 0) {
            recorder.flush();
        }
        return frame;
    }

    @Benchmark
    public long resample8kTo16kFrame() {
        resampler.process(narrow, 0, 160, sink);
        long n = sink.available();
        sink.skip(n);
        return n;
    }
}
