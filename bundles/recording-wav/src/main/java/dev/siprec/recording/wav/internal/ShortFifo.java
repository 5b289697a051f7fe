package dev.siprec.recording.wav.internal;

/**
 * A growable ring buffer of samples, preceded by a count of virtual leading zero samples (so that
 * long alignment silences cost no memory). Its array is taken on the first sample, grows to what is
 * queued, and can be let go or shrunk by {@link #trim()} once the samples are taken.
 */
final class ShortFifo {
    private static final short[] NONE = new short[0];
    /** Capacity kept by {@link #trim()}. */
    static final int KEEP = 256;

    private short[] data = NONE;
    private int head;
    private int size;
    private long zeros;

    /** @return samples available, counting the virtual zeros. */
    long available() {
        return zeros + size;
    }

    /** Appends {@code count} zero samples. */
    void putZeros(long count) {
        if (size == 0) {
            zeros += count;
        } else {
            for (long i = 0; i < count; i++) {
                put((short) 0);
            }
        }
    }

    /** Inserts {@code count} zero samples before everything queued. */
    void prependZeros(long count) {
        zeros += count;
    }

    /** Moves everything from {@code other} to the end of this one. */
    void drainFrom(ShortFifo other) {
        if (other.zeros > 0) {
            putZeros(other.zeros);
            other.zeros = 0;
        }
        if (other.size > 0) {
            ensure(size + other.size);
            int n = other.size;
            int first = Math.min(n, other.data.length - other.head);
            put(other.data, other.head, first);
            put(other.data, 0, n - first);
            other.head = 0;
            other.size = 0;
        }
    }

    /** @return samples queued in the array (without the virtual zeros) */
    int size() {
        return size;
    }

    /** @return the array's capacity */
    int capacity() {
        return data.length;
    }

    /** Lets the array go when empty, or shrinks it to what is queued when that is much smaller. */
    void trim() {
        if (size == 0) {
            data = NONE;
            head = 0;
        } else if (data.length > KEEP && size <= data.length / 4) {
            resize(Math.max(KEEP, Integer.highestOneBit(size) << 1));
        }
    }

    void put(short s) {
        ensure(size + 1);
        int at = head + size;
        data[at < data.length ? at : at - data.length] = s;
        size++;
    }

    void put(short[] src, int offset, int count) {
        ensure(size + count);
        int at = head + size;
        if (at >= data.length) {
            at -= data.length;
        }
        int first = Math.min(count, data.length - at);
        System.arraycopy(src, offset, data, at, first);
        System.arraycopy(src, offset + first, data, 0, count - first);
        size += count;
    }

    /**
     * Removes the next {@code count} samples into {@code dst} (the virtual zeros first; zeros when
     * fewer are queued).
     */
    void take(short[] dst, int offset, int count) {
        int off = offset;
        int left = count;
        int z = (int) Math.min(zeros, left);
        if (z > 0) {
            java.util.Arrays.fill(dst, off, off + z, (short) 0);
            zeros -= z;
            off += z;
            left -= z;
        }
        int n = Math.min(left, size);
        if (n > 0) {
            int first = Math.min(n, data.length - head);
            System.arraycopy(data, head, dst, off, first);
            System.arraycopy(data, 0, dst, off + first, n - first);
            head += n;
            if (head >= data.length) {
                head -= data.length;
            }
            size -= n;
            off += n;
            left -= n;
        }
        if (left > 0) {
            java.util.Arrays.fill(dst, off, off + left, (short) 0);
        }
    }

    /** Removes and returns the next sample (0 when empty). */
    short take() {
        if (zeros > 0) {
            zeros--;
            return 0;
        }
        if (size == 0) {
            return 0;
        }
        short s = data[head];
        head = head + 1 < data.length ? head + 1 : 0;
        size--;
        return s;
    }

    /** Removes up to {@code count} samples without reading them. */
    void skip(long count) {
        long z = Math.min(zeros, count);
        zeros -= z;
        long rest = Math.min(count - z, size);
        head = (int) ((head + rest) % data.length);
        size -= (int) rest;
    }

    private void ensure(int capacity) {
        if (capacity <= data.length) {
            return;
        }
        resize(Math.max(Math.max(data.length * 2, 64), capacity));
    }

    private void resize(int capacity) {
        short[] next = new short[capacity];
        int first = Math.min(size, data.length - head);
        System.arraycopy(data, head, next, 0, first);
        System.arraycopy(data, 0, next, first, size - first);
        data = next;
        head = 0;
    }
}
