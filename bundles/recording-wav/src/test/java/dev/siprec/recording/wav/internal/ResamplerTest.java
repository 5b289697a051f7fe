package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static short[] run(Resampler r, short[] in, int chunk) {
        ShortFifo out = new ShortFifo();
        for (int i = 0; i < in.length; i += chunk) {
            r.process(in, i, Math.min(chunk, in.length - i), out);
        }
        r.finish(out);
        short[] s = new short[(int) out.available()];
        for (int i = 0; i < s.length; i++) {
            s[i] = out.take();
        }
        return s;
    }

    @Test
    void outputsAreCountedAheadAndTrimmingChangesNothing() {
        short[] in = Signals.tone(440, 8000, 8000, 10000, 0);
        Resampler r = new Resampler(8000, 48000);
        ShortFifo out = new ShortFifo();
        long expected = r.outputsFor(3000, false);
        long inputs = r.inputsFor(expected);
        assertEquals(3000, inputs, "the inputs those outputs need");
        for (int i = 0; i < 3000; i += 1000) {
            r.process(in, i, 1000, out);
            r.trim();
        }
        assertEquals(expected, out.available());
        assertEquals(0, r.outputsFor(3000, false));
        r.process(in, 3000, 5000, out);
        assertEquals(r.outputsFor(8000, true), 8000 * 6 - out.available(), "the tail that finish adds");
        r.finish(out);
        short[] s = new short[(int) out.available()];
        for (int i = 0; i < s.length; i++) {
            s[i] = out.take();
        }
        assertArrayEquals(run(new Resampler(8000, 48000), in, 8000), s);
    }

    @Test
    void upsampling8kTo16kKeepsToneAmplitudeAndLength() {
        short[] in = Signals.tone(1000, 8000, 8000, 10000, 0);
        short[] out = run(new Resampler(8000, 16000), in, 160);
        assertEquals(16000, out.length);
        short[] expected = Signals.tone(1000, 16000, 16000, 10000, 0);
        double err = 0;
        for (int i = 200; i < 15800; i++) {
            err = Math.max(err, Math.abs(out[i] - expected[i]));
        }
        assertTrue(err < 150, "max error against the ideal 16 kHz tone: " + err);
        assertEquals(1000.0, Signals.dominant(out, 0, 16000, 16000, 500, 1000, 3000, 7000));
    }

    @Test
    void downsamplingFiltersAboveTheNewNyquist() {
        short[] pass = run(new Resampler(16000, 8000), Signals.tone(2000, 16000, 16000, 10000, 0), 320);
        short[] stop = run(new Resampler(16000, 8000), Signals.tone(6000, 16000, 16000, 10000, 0), 320);
        assertEquals(8000, pass.length);
        double passRms = Signals.rms(pass, 100, 7800);
        double stopRms = Signals.rms(stop, 100, 7800);
        assertTrue(Math.abs(passRms - 10000 / Math.sqrt(2)) < 200, "pass band rms " + passRms);
        assertTrue(stopRms < 100, "a 6 kHz tone must not alias into 8 kHz output, rms " + stopRms);
    }

    @Test
    void chunkingDoesNotChangeTheOutput() {
        short[] in = Signals.tone(700, 8000, 4000, 8000, 0);
        assertArrayEquals(run(new Resampler(8000, 48000), in, 4000), run(new Resampler(8000, 48000), in, 37));
        assertArrayEquals(run(new Resampler(44100, 16000), in, 4000), run(new Resampler(44100, 16000), in, 1));
    }

    @Test
    void hasNoGroupDelay() {
        short[] in = new short[400];
        in[100] = 20000;
        short[] out = run(new Resampler(8000, 16000), in, 64);
        int peak = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] > out[peak]) {
                peak = i;
            }
        }
        assertEquals(200, peak, "the impulse stays at the same time");
        assertTrue(out[200] > 18500 && out[199] == out[201], "symmetric, near unity: " + out[199] + " " + out[200] + " " + out[201]);
    }

    @Test
    void equalRatesPassThrough() {
        short[] in = {1, -2, 3, 32767, -32768};
        assertArrayEquals(in, run(new Resampler(16000, 16000), in, 2));
    }

    @Test
    void rejectsBadRates() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 8000));
    }
}
