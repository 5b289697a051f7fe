package dev.siprec.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistogramTest {
    @Test
    void quantilesInFineAndCoarseRanges() {
        Histogram h = new Histogram();
        for (int i = 1; i <= 98; i++) {
            h.record(i * 10L); // 10 .. 980 µs
        }
        h.record(250_000); // 250 ms: coarse bucket
        h.record(-5); // clamped to 0
        assertEquals(100, h.total());
        assertEquals(500, h.quantile(0.5));
        assertEquals(250_000, h.quantile(0.995));
        assertEquals(250_000, h.max());
        Histogram other = new Histogram();
        other.record(200_000_000); // beyond 100 s: overflow, the maximum stays exact
        h.add(other);
        assertEquals(200_000_000, h.max());
        assertEquals(200_000_000, h.quantile(1.0));
    }
}
