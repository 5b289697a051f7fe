package dev.siprec.srtp.core.internal;

/**
 * SSRC → {@link StreamContext}, open addressing over {@code long} keys so that a lookup allocates
 * nothing (no boxing). Entries are only added, up to a fixed cap, and dropped all at once.
 * Written by one thread; {@link #snapshot()} may race with an insert and then misses the newest.
 */
final class StreamTable {
    private final long[] keys;
    private final StreamContext[] values;
    private final StreamContext[] inOrder;
    private final int mask;
    private volatile int size;

    StreamTable(int cap) {
        int n = Integer.highestOneBit(Math.max(4, cap * 2 - 1)) << 1;
        keys = new long[n];
        values = new StreamContext[n];
        inOrder = new StreamContext[cap];
        mask = n - 1;
    }

    StreamContext get(long ssrc) {
        int i = slot(ssrc);
        while (values[i] != null) {
            if (keys[i] == ssrc) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    boolean full() {
        return size == inOrder.length;
    }

    /** Adds a context for a new SSRC; the caller checked {@link #full()} and that it is absent. */
    void put(StreamContext c) {
        int i = slot(c.ssrc);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = c.ssrc;
        values[i] = c;
        inOrder[size] = c;
        size = size + 1;
    }

    int size() {
        return size;
    }

    StreamContext[] snapshot() {
        int n = size;
        StreamContext[] out = new StreamContext[n];
        System.arraycopy(inOrder, 0, out, 0, n);
        return out;
    }

    void clear() {
        java.util.Arrays.fill(values, null);
        java.util.Arrays.fill(inOrder, null);
        size = 0;
    }

    private int slot(long ssrc) {
        long h = ssrc * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
