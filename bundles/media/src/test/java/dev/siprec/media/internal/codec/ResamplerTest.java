package dev.siprec.media.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.siprec.media.internal.rtp.Rtp;

class ResamplerTest {

    private static short[] tone(double freq, int rate, int n) {
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    private static void check(int in, int outRate) {
        Resampler r = new Resampler(in, outRate);
        short[] x = tone(400, in, in);
        short[] y = new short[r.maxOutput(in)];
        int n = 0;
        // blocks of 20 ms keep phase across calls
        for (int off = 0; off < in; off += in / 50) {
            short[] tmp = new short[r.maxOutput(in / 50)];
            int m = r.process(x, off, in / 50, tmp, 0);
            System.arraycopy(tmp, 0, y, n, m);
            n += m;
        }
        assertEquals(outRate, n, 1);
        double purity = Rtp.goertzel(y, 0, n, 400, outRate) / (2 * Rtp.power(y, 0, n));
        assertTrue(purity > 0.95, in + "->" + outRate + " purity " + purity);
    }

    @Test
    void downAndUpKeepDurationAndTone() {
        check(16000, 8000);
        check(8000, 48000);
        check(48000, 16000);
    }
}
