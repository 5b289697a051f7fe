package dev.siprec.media.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Checks all 256 codes of each law against ITU-T G.711's definition by segment and step: μ-law output
 * 2^s (2q + 33) - 33 (14-bit scale, sign from bit 7 after inversion), A-law 2q + 1 in segment 0 and
 * 2^(s-1) (2q + 33) above (13-bit scale, even bits inverted); scaled to 16 bits.
 */
class G711Test {

    @Test
    void everyUlawCodeMatchesTheSegmentFormula() {
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xFF;
            int s = (u >> 4) & 7;
            int q = u & 15;
            int magnitude = ((1 << s) * (2 * q + 33) - 33) * 4;
            int expected = (u & 0x80) != 0 ? -magnitude : magnitude;
            assertEquals(expected, G711.ulawToLinear(code), "μ-law code " + code);
        }
        assertEquals(-32124, G711.ulawToLinear(0x00));
        assertEquals(32124, G711.ulawToLinear(0x80));
        assertEquals(0, G711.ulawToLinear(0xFF));
        assertEquals(0, G711.ulawToLinear(0x7F));
    }

    @Test
    void everyAlawCodeMatchesTheSegmentFormula() {
        for (int code = 0; code < 256; code++) {
            int a = code ^ 0x55;
            int s = (a >> 4) & 7;
            int q = a & 15;
            int magnitude = (s == 0 ? 2 * q + 1 : (1 << (s - 1)) * (2 * q + 33)) * 8;
            int expected = (a & 0x80) != 0 ? magnitude : -magnitude;
            assertEquals(expected, G711.alawToLinear(code), "A-law code " + code);
        }
        assertEquals(8, G711.alawToLinear(0xD5));
        assertEquals(-8, G711.alawToLinear(0x55));
        assertEquals(32256, G711.alawToLinear(0xAA));
    }

    @Test
    void decodesAPayloadOneSamplePerOctet() {
        byte[] payload = {(byte) 0xFF, (byte) 0x80, 0x00};
        short[] out = new short[5];
        assertEquals(3, G711.ulaw().decode(payload, 0, 3, out, 1));
        assertEquals(0, out[1]);
        assertEquals(32124, out[2]);
        assertEquals(-32124, out[3]);
        assertEquals(8000, G711.alaw().sampleRate());
    }
}
