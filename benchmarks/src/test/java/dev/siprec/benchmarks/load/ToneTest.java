package dev.siprec.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ToneTest {
    /** G.711 reference points: silence, the largest magnitudes, and a mid-range value of each law. */
    @Test
    void encodesG711ReferencePoints() {
        assertEquals((byte) 0xFF, Tone.ulaw((short) 0));
        assertEquals((byte) 0x80, Tone.ulaw(Short.MAX_VALUE));
        assertEquals((byte) 0x00, Tone.ulaw((short) -32768));
        assertEquals((byte) 0xD5, Tone.alaw((short) 0));
        assertEquals((byte) 0xAA, Tone.alaw(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, Tone.alaw((short) -32768));
        // values as the G.711 reference encoder gives them (checked over all 65,536 inputs against Python's audioop)
        assertEquals((byte) 0xCE, Tone.ulaw((short) 1000));
        assertEquals((byte) 0xFA, Tone.alaw((short) 1000));
        assertEquals((byte) 0x4E, Tone.ulaw((short) -1000));
        assertEquals((byte) 0x7A, Tone.alaw((short) -1000));
        assertEquals((byte) 0xAB, Tone.ulaw((short) 5000));
        assertEquals((byte) 0x86, Tone.alaw((short) 5000));
        assertEquals((byte) 0xF0, Tone.ulaw((short) 123));
        assertEquals((byte) 0xD2, Tone.alaw((short) 123));
    }

    @Test
    void repeatsEverySecondAndDiffersPerFrequency() {
        Tone a = new Tone("PCMU", 440);
        Tone b = new Tone("PCMU", 1000);
        assertEquals(0, a.payloadType());
        assertEquals(8, new Tone("PCMA", 440).payloadType());
        assertEquals(a.payload(3), a.payload(53));
        assertNotEquals(a.payload(3)[5], b.payload(3)[5]);
        assertThrows(IllegalArgumentException.class, () -> new Tone("G722", 440));
    }
}
