package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTrackTest {
    @TempDir
    Path dir;

    private StreamTrack track(String name) throws Exception {
        return new StreamTrack(Fixtures.stream("1", "1", null, 0, 8000), name,
                new WavWriter(Storage.FILES, dir.resolve(name), 1, 8000, WavSinkConfig.DEFAULT_RF64_THRESHOLD));
    }

    @Test
    void gapsBecomeSilenceAndOverlapsAreClipped() throws Exception {
        StreamTrack t = track("a.wav");
        short[] ones = new short[100];
        java.util.Arrays.fill(ones, (short) 1);
        t.audio(50, ones, 0, 100);           // starts late: 50 samples of silence first
        t.audio(120, ones, 0, 100);          // 30 overlapping samples dropped
        t.audio(400, ones, 10, 20);          // gap 220..400
        t.audio(0, ones, 0, 100);            // all old
        assertEquals(420, t.position());
        assertEquals(130, t.overlapped());
        t.writer().finish();
        short[] pcm = Signals.channel(dir.resolve("a.wav"), 0);
        assertEquals(420, pcm.length);
        assertEquals(0, Signals.rms(pcm, 0, 50));
        assertEquals(1, Signals.rms(pcm, 50, 170), 1e-9);
        assertEquals(0, Signals.rms(pcm, 220, 180));
        assertEquals(1, Signals.rms(pcm, 400, 20), 1e-9);
    }

    @Test
    void anAbsurdJumpIsNotWrittenAsHoursOfSilence() throws Exception {
        StreamTrack t = track("b.wav");
        short[] s = new short[160];
        t.audio(0, s, 0, 160);
        t.audio(1L << 40, s, 0, 160);
        t.audio((1L << 40) + 160, s, 0, 160);
        assertEquals(480, t.position());
        t.writer().finish();
    }
}
