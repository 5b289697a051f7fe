package dev.siprec.benchmarks.load;

/**
 * Counts of values in microseconds: 10 µs buckets up to 100 ms, 1 ms buckets up to 100 s, the rest
 * in one overflow bucket, and the exact maximum. One writer thread; read after that thread has
 * stopped (or merged from several).
 */
final class Histogram {
    private static final int FINE = 10_000;
    private final long[] counts = new long[FINE + 100_000 + 1];
    private long total;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[(int) (v < 100_000 ? v / 10 : Math.min(FINE + (v - 100_000) / 1000, counts.length - 1))]++;
        total++;
        max = Math.max(max, v);
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long total() {
        return total;
    }

    long max() {
        return max;
    }

    /** The upper edge of the bucket holding the {@code q} quantile, in µs (0 when empty). */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(rank, 1)) {
                return i == counts.length - 1 ? max : Math.min(i < FINE ? (i + 1L) * 10 : 100_000 + (i - FINE + 1L) * 1000, max);
            }
        }
        return max;
    }
}
