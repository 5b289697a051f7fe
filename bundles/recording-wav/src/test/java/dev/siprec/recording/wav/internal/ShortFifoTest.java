package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShortFifoTest {
    @Test
    void arrayIsTakenOnDemandAndLetGoWhenEmpty() {
        ShortFifo f = new ShortFifo();
        assertEquals(0, f.capacity());
        f.putZeros(5000);
        assertEquals(0, f.capacity(), "leading zeros are only counted");
        short[] s = new short[3000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (i + 1);
        }
        f.put(s, 0, s.length);
        assertEquals(8000, f.available());
        f.skip(5000 + 2900);
        f.trim();
        assertEquals(100, f.size());
        assertEquals(ShortFifo.KEEP, f.capacity(), "shrunk to what is queued");
        for (int i = 2900; i < 3000; i++) {
            assertEquals(i + 1, f.take());
        }
        f.trim();
        assertEquals(0, f.capacity());
        assertEquals(0, f.take(), "empty reads as silence");
    }
}
