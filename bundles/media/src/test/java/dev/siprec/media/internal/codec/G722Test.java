package dev.siprec.media.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.siprec.media.internal.rtp.Rtp;

/**
 * G.722 without the ITU test vectors (not typed in): the scale factor table against its definition,
 * silence, and a round trip through a test encoder written from the recommendation: tones must come
 * back at their frequency, with the right level, in both sub-bands.
 */
class G722Test {

    @Test
    void scaleFactorTableIsTwoToTheIOver32() {
        for (int i = 0; i < 32; i++) {
            double expected = 2048 * Math.pow(2, i / 32.0);
            assertTrue(Math.abs(G722Band.ILB[i] - expected) <= 1.0, "ILB[" + i + "]");
        }
    }

    @Test
    void encodedSilenceDecodesToNearSilence() {
        byte[] coded = new G722Encoder().encode(new short[3200]);
        short[] out = new short[6400];
        int n = new G722().decode(coded, 0, coded.length, out, 0);
        assertEquals(3200, n);
        assertTrue(Rtp.power(out, 0, n) < 4, "silence stays silent: " + Rtp.power(out, 0, n));
    }

    @Test
    void lowBandToneSurvivesARoundTrip() {
        roundTrip(1000, 10000);
    }

    @Test
    void highBandToneSurvivesARoundTrip() {
        roundTrip(5500, 6000);
    }

    private static void roundTrip(double freq, int amplitude) {
        int n = 16000;
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freq * i / 16000));
        }
        byte[] coded = new G722Encoder().encode(pcm);
        short[] out = new short[2 * coded.length];
        G722 decoder = new G722();
        // decode in 20 ms packets to exercise state carried across calls
        int o = 0;
        for (int p = 0; p < coded.length; p += 160) {
            o += decoder.decode(coded, p, Math.min(160, coded.length - p), out, o);
        }
        assertEquals(n, o);
        int from = 1600;
        double power = Rtp.power(out, from, n);
        double tone = Rtp.goertzel(out, from, n, freq, 16000);
        double inPower = Rtp.power(pcm, from, n);
        assertTrue(tone / (2 * power) > 0.95, freq + " Hz purity " + tone / (2 * power));
        assertTrue(Math.abs(power / inPower - 1) < 0.15, freq + " Hz level ratio " + power / inPower);
    }
}
