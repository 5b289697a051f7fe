package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;

/** stereo.wav: channel assignment, resampling 8k + 16k, alignment by RTCP or arrival. */
class StereoTest {
    @TempDir
    Path dir;
    private WavSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.deactivate();
        }
    }

    /** Caller sends label 2 (16 kHz, 1000 Hz); callee sends label 1 (8 kHz, 440 Hz). */
    private Map<?, ?> record(Instant rtcpLeft, Instant rtcpRight, Instant arrivalLeft, Instant arrivalRight, double seconds)
            throws Exception {
        // a window longer than the call: alignment waits for RTCP (or the end), whatever the writer's pace
        SinkSettings settings = new SinkSettings(dir, 1000, 0, true, WavSinkConfig.DEFAULT_RF64_THRESHOLD, 10_000, 10);
        sink = new WavSink(settings, Storage.FILES, Clock.systemUTC(), 1);
        MediaStream callee = Fixtures.stream("1", "1", "sA", 0, 8000);
        MediaStream caller = Fixtures.stream("2", "2", "sB", 1, 16000);
        RecordingSession rs = Fixtures.session("st", "c", List.of(
                Fixtures.participant("caller", "sip:alice@a", List.of("sB"), List.of("sA")),
                Fixtures.participant("callee", "sip:bob@b", List.of("sA"), List.of("sB"))), List.of(callee, caller));
        RecordingSink.Session s = sink.open(rs);
        s.streamAdded(callee);
        s.streamAdded(caller);
        if (arrivalLeft != null) {
            s.timing("2", 0, arrivalLeft, false);
            s.timing("1", 0, arrivalRight, false);
        }
        int frames = (int) Math.round(seconds * 50);
        for (int i = 0; i < frames; i++) {
            if (i == 60 && rtcpLeft != null) {   // sender reports arrive after a while, for a later position
                s.timing("2", 16000, rtcpLeft.plusSeconds(1), true);
                s.timing("1", 8000, rtcpRight.plusSeconds(1), true);
            }
            s.audio("1", 160L * i, Signals.tone(440, 8000, 160, 9000, 160L * i), 0, 160);
            s.audio("2", 320L * i, Signals.tone(1000, 16000, 320, 9000, 320L * i), 0, 320);
        }
        s.end(EndReason.BYE);
        return WavSinkTest.json(WavSinkTest.onlyFolder(dir));
    }

    private static int onset(short[] x) {
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > 1000) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void rtcpAlignmentWinsOverArrivalAndChannelsFollowTheCaller() throws Exception {
        Map<?, ?> doc = record(Fixtures.T0, Fixtures.T0.plusMillis(500), Fixtures.T0, Fixtures.T0, 3);
        Path stereo = WavSinkTest.onlyFolder(dir).resolve("stereo.wav");
        AudioFileFormat aff = AudioSystem.getAudioFileFormat(stereo.toFile());
        assertEquals(2, aff.getFormat().getChannels());
        assertEquals(16000f, aff.getFormat().getSampleRate(), "the higher of the two rates");
        assertEquals(3.5 * 16000, aff.getFrameLength(), 2);

        short[] left = Signals.channel(stereo, 0);
        short[] right = Signals.channel(stereo, 1);
        assertEquals(1000.0, Signals.dominant(left, 1000, 30000, 16000, 440, 1000));
        assertEquals(440.0, Signals.dominant(right, 9000, 30000, 16000, 440, 1000));
        assertTrue(Signals.rms(right, 0, 7900) < 5, "right is silent until it starts 0.5 s later");
        assertEquals(8000, onset(right), 20);
        assertEquals(0, onset(left), 20);
        // the resampled 440 Hz tone has no 1000 Hz leakage and the 16 kHz stream is not resampled
        assertTrue(Signals.goertzel(right, 9000, 30000, 1000, 16000) < 1e-4 * Signals.goertzel(right, 9000, 30000, 440, 16000));

        Map<?, ?> st = (Map<?, ?>) doc.get("stereo");
        assertEquals("stereo.wav", st.get("file"));
        assertEquals("2", st.get("left"));
        assertEquals("1", st.get("right"));
        assertEquals("rtcp", st.get("alignment"));
        assertEquals(500.0, ((Number) st.get("rightOffsetMs")).doubleValue(), 0.1);
    }

    @Test
    void arrivalTimesAlignWithoutRtcp() throws Exception {
        Map<?, ?> doc = record(null, null, Fixtures.T0.plusMillis(250), Fixtures.T0, 2);
        short[] left = Signals.channel(WavSinkTest.onlyFolder(dir).resolve("stereo.wav"), 0);
        short[] right = Signals.channel(WavSinkTest.onlyFolder(dir).resolve("stereo.wav"), 1);
        assertEquals(4000, onset(left), 20, "the left stream started 250 ms after the right one");
        assertEquals(0, onset(right), 20);
        assertEquals("arrival", ((Map<?, ?>) doc.get("stereo")).get("alignment"));
        assertEquals(-250.0, ((Number) ((Map<?, ?>) doc.get("stereo")).get("rightOffsetMs")).doubleValue(), 0.1);
    }

    @Test
    void stalledStreamIsPaddedWithinTheWindow() throws Exception {
        StereoMixer.Alignment[] seen = new StereoMixer.Alignment[1];
        Path f = dir.resolve("mix.wav");
        WavWriter w = new WavWriter(Storage.FILES, f, 2, 8000, WavSinkConfig.DEFAULT_RF64_THRESHOLD);
        StereoMixer mix = new StereoMixer(w, 8000, 0, 8000, 0, 500);
        mix.timing(0, 0, Fixtures.T0, false);
        mix.timing(1, 0, Fixtures.T0, false);
        short[] tone = Signals.tone(440, 8000, 8000, 9000, 0);
        mix.accept(1, tone, 0, 800);
        for (int i = 0; i < 10; i++) {          // left runs 10 s while right stalls
            mix.accept(0, tone, 0, 8000);
            mix.pump();
            assertTrue(w.frames() >= (i + 1) * 8000L - 4000, "output keeps up with the running stream: " + w.frames());
        }
        seen[0] = mix.alignment();
        mix.accept(1, tone, 0, 8000);   // late samples of the stalled stream for an already padded stretch
        mix.finish();
        w.finish();
        assertEquals(StereoMixer.Alignment.ARRIVAL, seen[0]);
        assertEquals(80_000, WavHeader.read(f).frames(), "late samples for padded time are dropped");
    }
}
