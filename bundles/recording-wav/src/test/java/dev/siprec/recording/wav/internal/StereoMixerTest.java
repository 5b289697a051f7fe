package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mix read back from the stream files is the mix of the same samples handed over in memory:
 * resampling, alignment, a stalled channel padded, its late samples dropped, a stream file finished
 * before the mix read all of it.
 */
class StereoMixerTest {
    private static final long BIG = WavSinkConfig.DEFAULT_RF64_THRESHOLD;

    @TempDir
    Path dir;

    /** One mix fed from stream files (through tracks), one fed in memory, the same calls on both. */
    private final class Pair {
        final StreamTrack left;
        final StreamTrack right;
        final WavWriter fileOut;
        final WavWriter memoryOut;
        final StereoMixer fromFiles;
        final StereoMixer inMemory;
        final long[] position = new long[2];

        Pair(int leftRate, int rightRate, long windowMillis) throws IOException {
            left = new StreamTrack(Fixtures.stream("1", "1", null, 0, leftRate), "l.wav",
                    new WavWriter(Storage.FILES, dir.resolve("l.wav"), 1, leftRate, BIG));
            right = new StreamTrack(Fixtures.stream("2", "2", null, 1, rightRate), "r.wav",
                    new WavWriter(Storage.FILES, dir.resolve("r.wav"), 1, rightRate, BIG));
            int rate = StereoMixer.outputRate(leftRate, rightRate);
            fileOut = new WavWriter(Storage.FILES, dir.resolve("files.wav"), 2, rate, BIG);
            memoryOut = new WavWriter(Storage.FILES, dir.resolve("memory.wav"), 2, rate, BIG);
            fromFiles = new StereoMixer(fileOut, leftRate, 0, rightRate, 0, windowMillis);
            inMemory = new StereoMixer(memoryOut, leftRate, 0, rightRate, 0, windowMillis);
            left.attach(fromFiles, 0);
            right.attach(fromFiles, 1);
        }

        StreamTrack track(int ch) {
            return ch == 0 ? left : right;
        }

        void timing(int ch, long pos, java.time.Instant at) {
            track(ch).timing(pos, at, false);
            inMemory.timing(ch, pos, at, false);
        }

        /** {@code count} samples of a tone at {@code pos} (after a gap when {@code pos} is ahead). */
        void audio(int ch, long pos, int count, int rate) throws IOException {
            short[] tone = Signals.tone(ch == 0 ? 440 : 1000, rate, count, 8000, pos);
            track(ch).audio(pos, tone, 0, count);
            if (pos > position[ch]) {
                inMemory.silence(ch, pos - position[ch]);
            }
            inMemory.accept(ch, tone, 0, count);
            position[ch] = pos + count;
        }

        void pump() throws IOException {
            fromFiles.pump();
            inMemory.pump();
            fileOut.flush();
            memoryOut.flush();
            left.writer().flush();
            right.writer().flush();
        }

        void finish() throws IOException {
            fromFiles.finish();
            inMemory.finish();
            fileOut.finish();
            memoryOut.finish();
            left.writer().finish();
            right.writer().finish();
        }
    }

    @Test
    void mixFromFilesEqualsMixInMemory() throws Exception {
        Pair p = new Pair(8000, 16000, 500);
        p.timing(0, 0, Fixtures.T0.plusMillis(120));
        p.timing(1, 0, Fixtures.T0);
        for (int i = 0; i < 250; i++) {          // 5 s of 20 ms packets
            if (i < 100 || i >= 200) {            // the right stream stalls from 2 s to 4 s
                p.audio(1, 320L * i, 320, 16000);
            }
            if (i != 30) {                        // one lost packet on the left: a gap of silence
                p.audio(0, 160L * i, 160, 8000);
            }
            if (i % 50 == 49) {
                p.pump();
                assertEquals(p.memoryOut.frames(), p.fileOut.frames(), "after " + (i + 1) / 50 + " s");
            }
        }
        p.finish();
        short[] files = Signals.channel(dir.resolve("files.wav"), 0);
        short[] memory = Signals.channel(dir.resolve("memory.wav"), 0);
        assertTrue(files.length > 70_000, "about 5 s at 16 kHz: " + files.length);
        assertArrayEquals(memory, files);
        assertArrayEquals(Signals.channel(dir.resolve("memory.wav"), 1), Signals.channel(dir.resolve("files.wav"), 1));
        assertEquals(StereoMixer.Alignment.ARRIVAL, p.fromFiles.alignment());
        assertEquals(p.inMemory.leadSamples(), p.fromFiles.leadSamples());
    }

    @Test
    void aStreamFileFinishedEarlyKeepsItsUnmixedSamples() throws Exception {
        Pair p = new Pair(8000, 8000, 10_000);   // a long window: nothing is mixed before the end
        p.timing(0, 0, Fixtures.T0);
        p.timing(1, 0, Fixtures.T0.plusMillis(40));
        for (int i = 0; i < 100; i++) {
            p.audio(0, 160L * i, 160, 8000);
            if (i < 60) {
                p.audio(1, 160L * i, 160, 8000);
            }
            if (i % 50 == 49) {
                p.pump();
            }
        }
        assertEquals(0, p.fileOut.frames(), "alignment still pending");
        p.right.writer().finish();               // the right stream removed by a re-INVITE
        for (int i = 100; i < 150; i++) {
            p.audio(0, 160L * i, 160, 8000);
        }
        p.fromFiles.finish();
        p.inMemory.finish();
        p.fileOut.finish();
        p.memoryOut.finish();
        p.left.writer().finish();
        assertEquals(WavHeader.read(dir.resolve("memory.wav")).frames(), WavHeader.read(dir.resolve("files.wav")).frames());
        assertArrayEquals(Signals.channel(dir.resolve("memory.wav"), 1), Signals.channel(dir.resolve("files.wav"), 1));
        assertArrayEquals(Signals.channel(dir.resolve("memory.wav"), 0), Signals.channel(dir.resolve("files.wav"), 0));
        assertTrue(Signals.rms(Signals.channel(dir.resolve("files.wav"), 1), 320, 9000) > 1000, "the right stream's audio is there");
    }
}
