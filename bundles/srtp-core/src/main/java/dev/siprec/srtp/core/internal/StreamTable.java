package dev.siprec.srtp.core.internal;

/**
 * SSRC → {@link StreamContext}, open addressing over {@code long} keys so that a lookup allocates
 * nothing (no boxing), up to a fixed cap. A receiver may {@link #evictIdle evict} the context idle
 * the longest to make room for a new SSRC; the evicted context is {@link #parked parked} (bounded,
 * oldest dropped first) so that its SSRC, should it come back, keeps its replay list and rollover
 * counter instead of starting afresh (which would let old packets of it be replayed).
 * The arrays start small (a recorded stream has one SSRC) and grow with the SSRCs admitted, up
 * to the cap; the parking list is made on the first eviction.
 * Written by one thread; {@link #snapshot()} may race with an insert and then misses the newest.
 */
final class StreamTable {
    private static final int INITIAL_SLOTS = 4;

    private final int cap;
    /** Hash slots at the cap: at least twice the cap, a power of two. */
    private final int maxSlots;
    private final int parkedCap;
    private long[] keys;
    private StreamContext[] values;
    private StreamContext[] inOrder;
    private StreamContext[] parked;
    private int mask;
    private volatile int size;
    private int nextParked;

    StreamTable(int cap) {
        this.cap = cap;
        this.maxSlots = Integer.highestOneBit(Math.max(4, cap * 2 - 1)) << 1;
        this.parkedCap = Math.min(256, Math.max(16, cap * 4));
        int n = Math.min(maxSlots, INITIAL_SLOTS);
        keys = new long[n];
        values = new StreamContext[n];
        inOrder = new StreamContext[Math.min(cap, INITIAL_SLOTS / 2)];
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
        return size == cap;
    }

    /** Adds a context for a new SSRC; the caller checked {@link #full()} and that it is absent. */
    void put(StreamContext c) {
        int n = size;
        if (2 * (n + 1) > keys.length && keys.length < maxSlots) {
            rehash(keys.length * 2);
        }
        if (n == inOrder.length) {
            inOrder = java.util.Arrays.copyOf(inOrder, Math.min(cap, 2 * n)); // published by the size write below
        }
        int i = slot(c.ssrc);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = c.ssrc;
        values[i] = c;
        inOrder[size] = c;
        size = size + 1;
        unpark(c);
    }

    /** Moves every entry into a table of {@code slots} hash slots (load stays at most one half). */
    private void rehash(int slots) {
        long[] oldKeys = keys;
        StreamContext[] oldValues = values;
        keys = new long[slots];
        values = new StreamContext[slots];
        mask = slots - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j]);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /**
     * Removes the context whose last authenticated packet is the oldest, if that was at least
     * {@code idleNanos} before {@code now}, and parks it.
     *
     * @return whether a slot was freed
     */
    boolean evictIdle(long now, long idleNanos) {
        int n = size;
        int oldest = -1;
        for (int i = 0; i < n; i++) {
            if (oldest < 0 || inOrder[i].lastSeen - inOrder[oldest].lastSeen < 0) {
                oldest = i;
            }
        }
        if (oldest < 0 || now - inOrder[oldest].lastSeen < idleNanos) {
            return false;
        }
        StreamContext c = inOrder[oldest];
        remove(c.ssrc);
        System.arraycopy(inOrder, oldest + 1, inOrder, oldest, n - oldest - 1);
        inOrder[n - 1] = null;
        size = n - 1;
        if (parked == null) {
            parked = new StreamContext[parkedCap];
        }
        parked[nextParked] = c;
        nextParked = (nextParked + 1) % parked.length;
        return true;
    }

    /** @return the parked context of {@code ssrc}, or null */
    StreamContext parked(long ssrc) {
        if (parked == null) {
            return null;
        }
        for (StreamContext c : parked) {
            if (c != null && c.ssrc == ssrc) {
                return c;
            }
        }
        return null;
    }

    private void unpark(StreamContext c) {
        if (parked == null) {
            return;
        }
        for (int i = 0; i < parked.length; i++) {
            if (parked[i] == c) {
                parked[i] = null;
            }
        }
    }

    /** Linear-probing removal with backward shift, so later lookups still find every key. */
    private void remove(long ssrc) {
        int i = slot(ssrc);
        while (values[i] != null && keys[i] != ssrc) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == null) {
                return;
            }
            int home = slot(keys[j]);
            // move j back into the hole at i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    StreamContext[] snapshot() {
        int n = size;
        StreamContext[] in = inOrder;
        n = Math.min(n, in.length);
        StreamContext[] out = new StreamContext[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            StreamContext c = in[i];
            if (c != null) {
                out[k++] = c;
            }
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    void clear() {
        java.util.Arrays.fill(values, null);
        java.util.Arrays.fill(inOrder, null);
        if (parked != null) {
            java.util.Arrays.fill(parked, null);
        }
        size = 0;
    }

    private int slot(long ssrc) {
        long h = ssrc * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
