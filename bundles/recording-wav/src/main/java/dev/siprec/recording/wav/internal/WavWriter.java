package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Appends 16-bit little-endian PCM to a WAV file (mono or interleaved stereo), keeping the header
 * sizes true at every {@link #flush()} so that the file plays after a crash, and switching in place
 * to RF64 (EBU Tech 3306) before the RIFF size would pass {@code rf64Threshold} bytes. Not thread safe:
 * used by one writer thread.
 * <p>
 * Memory: samples wait in a buffer of about {@value #BUFFER_MILLIS} ms of audio (at most
 * {@value #MAX_BUFFER_BYTES} bytes), taken on the first write after a flush and let go at the
 * flush, so that a file without new samples (a stream on hold, the stereo mix between two mixes)
 * holds none. Samples already written can be {@linkplain #read read back}, from the file or from
 * the buffer.
 */
final class WavWriter implements AutoCloseable {
    /** Audio a buffer holds before it is written out. */
    static final int BUFFER_MILLIS = 256;
    static final int MIN_BUFFER_BYTES = 1024;
    static final int MAX_BUFFER_BYTES = 16 * 1024;

    private final Path file;
    private final Storage.Output out;
    private final int channels;
    private final int sampleRate;
    private final long rf64Threshold;
    private final int bufferBytes;
    /** Bytes from {@code flushedBytes} on, not yet in the file; {@code null} when there are none. */
    private ByteBuffer buffer;
    private long dataBytes;
    private long flushedBytes;
    private boolean rf64;
    private boolean closed;
    private Runnable beforeFinish;

    WavWriter(Storage storage, Path file, int channels, int sampleRate, long rf64Threshold) throws IOException {
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("channels must be 1 or 2: " + channels);
        }
        this.file = file;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.rf64Threshold = rf64Threshold;
        this.bufferBytes = bufferBytes(channels, sampleRate);
        this.out = storage.create(file);
        try {
            out.write(WavHeader.build(channels, sampleRate, 0, false), 0);
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /** @return the buffer size for {@value #BUFFER_MILLIS} ms of audio, whole KiB, within the bounds */
    static int bufferBytes(int channels, int sampleRate) {
        long bytes = (long) sampleRate * channels * 2 * BUFFER_MILLIS / 1000;
        long kib = (bytes + 1023) / 1024 * 1024;
        return (int) Math.max(MIN_BUFFER_BYTES, Math.min(MAX_BUFFER_BYTES, kib));
    }

    Path file() {
        return file;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** @return frames written (samples per channel). */
    long frames() {
        return dataBytes / (2L * channels);
    }

    boolean isRf64() {
        return rf64;
    }

    /** Appends samples (interleaved when stereo). */
    void write(short[] samples, int offset, int count) throws IOException {
        int off = offset;
        int left = count;
        while (left > 0) {
            ByteBuffer b = room();
            int n = Math.min(left, b.remaining() / 2);
            // little-endian view of the buffer: one bulk copy instead of a putShort per sample
            b.asShortBuffer().put(samples, off, n);
            b.position(b.position() + 2 * n);
            off += n;
            left -= n;
        }
        dataBytes += 2L * count;
        switchIfNeeded();
    }

    /** Appends {@code count} zero samples (interleaved count when stereo). */
    void writeSilence(long count) throws IOException {
        long left = count;
        while (left > 0) {
            ByteBuffer b = room();
            int n = (int) Math.min(left, b.remaining() / 2);
            java.util.Arrays.fill(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.position() + 2 * n, (byte) 0);
            b.position(b.position() + 2 * n);
            left -= n;
        }
        dataBytes += 2L * count;
        switchIfNeeded();
    }

    /**
     * Reads back {@code count} samples of a mono file from sample {@code index} on, from the file
     * or, for samples not written out yet, from the buffer.
     *
     * @param scratch bytes to read through, at least two per sample read at a time
     */
    void read(long index, short[] dst, int offset, int count, ByteBuffer scratch) throws IOException {
        if (channels != 1 || index < 0 || 2 * (index + count) > dataBytes) {
            throw new IllegalArgumentException("cannot read " + count + " samples at " + index + " of " + file);
        }
        long at = 2 * index;
        int off = offset;
        int left = count;
        while (left > 0 && at < flushedBytes) {
            int n = (int) Math.min(Math.min(left, scratch.capacity() / 2), (flushedBytes - at) / 2);
            scratch.clear().limit(2 * n);
            out.read(scratch, WavHeader.DATA_OFFSET + at);
            scratch.flip().order(ByteOrder.LITTLE_ENDIAN);
            scratch.asShortBuffer().get(dst, off, n);
            at += 2L * n;
            off += n;
            left -= n;
        }
        if (left > 0) {
            buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (at - flushedBytes)).limit((int) (at - flushedBytes) + 2 * left)
                    .slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(dst, off, left);
        }
    }

    /** @return whether a buffer is held (samples written since the last flush) */
    boolean holdsBuffer() {
        return buffer != null;
    }

    /** Runs {@code action} once, before {@link #finish()} closes the file (the mix reads what it still needs). */
    void beforeFinish(Runnable action) {
        this.beforeFinish = action;
    }

    /** Writes buffered samples, lets the buffer go, and rewrites the header with the current sizes. */
    void flush() throws IOException {
        drain();
        if (buffer != null && buffer.position() == 0) {
            buffer = null;
        }
        out.write(WavHeader.build(channels, sampleRate, dataBytes, rf64), 0);
    }

    /** Flushes and forces the file to the device, then closes it. */
    void finish() throws IOException {
        if (closed) {
            return;
        }
        Runnable action = beforeFinish;
        beforeFinish = null;
        if (action != null) {
            action.run();
        }
        try {
            flush();
            out.force();
        } finally {
            closed = true;
            out.close();
        }
    }

    /**
     * Closes without forcing (after a failure): buffered samples are written when possible, else
     * dropped, and the header is rewritten for exactly the bytes that reached the file (a header
     * rewrite needs no new space, so this works on a full disk).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drain();
        } catch (IOException e) {
            buffer = null;
            dataBytes = flushedBytes - flushedBytes % (2L * channels);
        }
        try {
            out.write(WavHeader.build(channels, sampleRate, dataBytes, rf64 || WavHeader.needsRf64(dataBytes, rf64Threshold)), 0);
        } catch (IOException ignored) {
            // the header stays as of the last flush; start-up repair fixes it if the session is left active
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to do for a failed file
        }
    }

    /** Closes the file as a crash would leave it: buffered samples lost, header as of the last flush. */
    void abandon() {
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing to keep
        }
    }

    private void switchIfNeeded() throws IOException {
        if (!rf64 && WavHeader.needsRf64(dataBytes, rf64Threshold)) {
            rf64 = true;
            flush();
        }
    }

    /** @return the buffer, taken if needed, with room for at least one sample */
    private ByteBuffer room() throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        } else if (buffer.remaining() < 2) {
            drain();
        }
        return buffer;
    }

    private void drain() throws IOException {
        if (buffer == null || buffer.position() == 0) {
            return;
        }
        long at = WavHeader.DATA_OFFSET + flushedBytes;
        buffer.flip();
        try {
            out.write(buffer, at);
        } finally {
            flushedBytes += buffer.position();
            buffer.compact();
        }
    }
}
