package dev.siprec.srtp.core.internal;

/**
 * The sliding-window replay list of RFC 3711 §3.3.2 over 48-bit SRTP or 31-bit SRTCP indices: a
 * bitmap of the last {@code size} indices below the highest one received. {@link #check} is called
 * before authentication, {@link #accept} only after, so forged packets never move the window.
 */
final class ReplayWindow {
    static final int OK = 0;
    static final int OLD = 1;
    static final int DUPLICATE = 2;

    private final long[] bits;
    private final int size;
    private final long mask;
    private long highest = -1;

    /** @param size window size in packets, rounded up to a power of two (at least 64) */
    ReplayWindow(int size) {
        int words = Integer.highestOneBit(Math.max(1, (size + 63) >>> 6) * 2 - 1);
        this.bits = new long[words];
        this.size = words << 6;
        this.mask = this.size - 1;
    }

    int size() {
        return size;
    }

    /** @return {@link #OK}, {@link #OLD} or {@link #DUPLICATE} for {@code index} */
    int check(long index) {
        if (index > highest) {
            return OK;
        }
        if (highest - index >= size) {
            return OLD;
        }
        int pos = (int) (index & mask);
        return (bits[pos >>> 6] & (1L << pos)) != 0 ? DUPLICATE : OK;
    }

    /** Marks {@code index} received, sliding the window when it is the new highest. */
    void accept(long index) {
        if (index > highest) {
            long advance = highest < 0 ? size : index - highest;
            if (advance >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    int pos = (int) (i & mask);
                    bits[pos >>> 6] &= ~(1L << pos);
                }
            }
            highest = index;
        } else if (highest - index >= size) {
            return;
        }
        int pos = (int) (index & mask);
        bits[pos >>> 6] |= 1L << pos;
    }

    /** @return the highest index accepted, -1 before the first */
    long highest() {
        return highest;
    }
}
