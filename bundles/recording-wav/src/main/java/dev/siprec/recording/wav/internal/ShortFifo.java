package dev.siprec.recording.wav.internal;

/**
 * A growable ring buffer of samples, preceded by a count of virtual leading zero samples (so that
 * long alignment silences cost no memory).
 */
final class ShortFifo {
    private short[] data = new short[1024];
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
        while (other.size > 0) {
            put(other.take());
        }
    }

    void put(short s) {
        ensure(size + 1);
        data[(head + size) % data.length] = s;
        size++;
    }

    void put(short[] src, int offset, int count) {
        ensure(size + count);
        for (int i = 0; i < count; i++) {
            data[(head + size + i) % data.length] = src[offset + i];
        }
        size += count;
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
        head = (head + 1) % data.length;
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
        short[] bigger = new short[Math.max(data.length * 2, capacity)];
        for (int i = 0; i < size; i++) {
            bigger[i] = data[(head + i) % data.length];
        }
        data = bigger;
        head = 0;
    }
}
