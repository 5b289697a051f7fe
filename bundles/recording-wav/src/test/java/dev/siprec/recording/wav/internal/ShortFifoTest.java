package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** Bulk puts and takes across the ring's wrap and growth, against a plain list. */
    @Test
    void bulkPutAndTakeWrapAndGrowLikeSingleSamples() {
        ShortFifo f = new ShortFifo();
        java.util.ArrayDeque<Short> model = new java.util.ArrayDeque<>();
        java.util.Random r = new java.util.Random(11);
        short next = 1;
        for (int round = 0; round < 2000; round++) {
            int n = r.nextInt(300);
            short[] src = new short[n + 3];
            for (int i = 0; i < n; i++) {
                src[i + 3] = next;
                model.add(next++);
            }
            f.put(src, 3, n);
            if (r.nextInt(5) == 0) {
                ShortFifo other = new ShortFifo();
                other.put(src, 3, n);
                other.take(); // an offset head in the other ring
                f.drainFrom(other);
                for (int i = 1; i < n; i++) {
                    model.add(src[i + 3]);
                }
                assertEquals(0, other.size());
            }
            int k = r.nextInt(320);
            short[] dst = new short[k + 2];
            f.take(dst, 2, k);
            for (int i = 0; i < k; i++) {
                Short want = model.poll();
                assertEquals(want == null ? 0 : want, dst[i + 2], "sample " + i + " of round " + round);
            }
            assertEquals(model.size(), f.size());
            if (r.nextInt(10) == 0) {
                f.trim();
            }
        }
    }

    @Test
    void bulkTakeGivesTheVirtualZerosFirstThenSilenceWhenEmpty() {
        ShortFifo f = new ShortFifo();
        f.prependZeros(3);
        f.put(new short[] {7, 8}, 0, 2);
        short[] dst = new short[] {9, 9, 9, 9, 9, 9, 9};
        f.take(dst, 0, 7);
        assertArrayEquals(new short[] {0, 0, 0, 7, 8, 0, 0}, dst);
        assertEquals(0, f.available());
    }
}
