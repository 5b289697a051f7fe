package dev.siprec.media.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.siprec.media.internal.rtp.Rtp;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;

/** Opus packets produced by Concentus' encoder, mono and stereo, decoded to 48 kHz mono. */
class OpusTest {

    @Test
    void decodesAMonoTone() throws Exception {
        short[] out = encodeAndDecode(1, 440);
        double purity = Rtp.goertzel(out, 9600, out.length, 440, 48000) / (2 * Rtp.power(out, 9600, out.length));
        assertTrue(purity > 0.9, "440 Hz purity " + purity);
    }

    @Test
    void downmixesStereoToMono() throws Exception {
        short[] out = encodeAndDecode(2, 700);
        double purity = Rtp.goertzel(out, 9600, out.length, 700, 48000) / (2 * Rtp.power(out, 9600, out.length));
        assertTrue(purity > 0.9, "700 Hz purity " + purity);
    }

    @Test
    void concealsALostPacketAndRejectsGarbage() throws Exception {
        Opus opus = new Opus();
        encodeAndDecode(1, 440, opus);
        short[] plc = new short[Opus.MAX_FRAME];
        assertEquals(960, opus.conceal(plc, 0, plc.length));
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        int n = opus.decode(garbage, 0, garbage.length, new short[Opus.MAX_FRAME], 0);
        assertTrue(n <= Opus.MAX_FRAME);
    }

    private static short[] encodeAndDecode(int channels, double freq) throws Exception {
        return encodeAndDecode(channels, freq, new Opus());
    }

    private static short[] encodeAndDecode(int channels, double freq, Opus decoder) throws Exception {
        OpusEncoder enc = new OpusEncoder(48000, channels, OpusApplication.OPUS_APPLICATION_AUDIO);
        enc.setBitrate(64000);
        int frame = 960;
        int frames = 50;
        short[] out = new short[frame * frames];
        short[] in = new short[frame * channels];
        byte[] packet = new byte[1500];
        int o = 0;
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < frame; i++) {
                short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * freq * (f * frame + i) / 48000));
                for (int c = 0; c < channels; c++) {
                    in[i * channels + c] = v;
                }
            }
            int len = enc.encode(in, 0, frame, packet, 0, packet.length);
            int n = decoder.decode(packet, 0, len, out, o);
            assertEquals(frame, n);
            o += n;
        }
        assertEquals(48000, decoder.sampleRate());
        return out;
    }
}
