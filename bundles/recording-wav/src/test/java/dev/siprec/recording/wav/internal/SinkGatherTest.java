package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSink;

/** A stream's audio is gathered into larger queue events: nothing lost, reordered or held back. */
class SinkGatherTest {
    @TempDir
    Path dir;
    private WavSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.deactivate();
        }
    }

    /** The samples of a mono 16-bit WAV file. */
    static short[] samples(Path wav) throws Exception {
        try (InputStream in = javax.sound.sampled.AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] b = in.readAllBytes();
            short[] s = new short[b.length / 2];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        }
    }

    private static short[] packet(int first, int count) {
        short[] p = new short[count];
        for (int i = 0; i < count; i++) {
            p[i] = (short) (first + i);
        }
        return p;
    }

    @Test
    void interleavedPacketsGapsAndOtherEventsKeepEverySampleInPlace() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        RecordingSink.Session s = sink.open(Fixtures.session("g", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.streamAdded(Fixtures.stream("2", "2", null, 1, 8000));
        short[] expect1 = new short[20_000];
        short[] expect2 = new short[20_000];
        int pos1 = 0;
        int pos2 = 0;
        for (int p = 0; p < 100; p++) {
            if (p == 37) {
                pos1 += 500; // a gap inside what is being gathered: silence in the file
            }
            short[] a = packet(pos1 + 1, 160);
            s.audio("1", pos1, a, 0, 160);
            System.arraycopy(a, 0, expect1, pos1, 160);
            pos1 += 160;
            if (p % 7 == 3) {
                s.timing("2", pos2, java.time.Instant.now(), false); // another event between packets
            }
            short[] b = packet(-pos2 - 1, 80 + p % 3 * 40); // sizes that do not divide the gather
            s.audio("2", pos2, b, 0, b.length);
            System.arraycopy(b, 0, expect2, pos2, b.length);
            pos2 += b.length;
        }
        s.end(EndReason.BYE);
        Path folder = WavSinkTest.onlyFolder(dir);
        assertArrayEquals(java.util.Arrays.copyOf(expect1, pos1), samples(folder.resolve("stream-1.wav")));
        assertArrayEquals(java.util.Arrays.copyOf(expect2, pos2), samples(folder.resolve("stream-2.wav")));
    }

    @Test
    void thePeriodicFlushWritesWhatIsGathered() throws Exception {
        sink = new WavSink(new SinkSettings(dir, 50, 0, false, WavSinkConfig.DEFAULT_RF64_THRESHOLD, 1000, 10),
                Storage.FILES, Clock.systemUTC(), 1);
        RecordingSink.Session s = sink.open(Fixtures.session("f", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, packet(1, 160), 0, 160);
        s.audio("1", 160, packet(161, 160), 0, 160); // 320 samples: less than a gather, no other event follows
        Path wav = WavSinkTest.onlyFolder(dir).resolve("stream-1.wav");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && (!Files.exists(wav) || samples(wav).length < 320)) {
            Thread.sleep(20);
        }
        assertArrayEquals(packet(1, 320), samples(wav), "on disk by a periodic flush, before the session ends");
        s.end(EndReason.BYE);
        assertTrue(Files.exists(wav));
        assertEquals(320, samples(wav).length);
    }
}
