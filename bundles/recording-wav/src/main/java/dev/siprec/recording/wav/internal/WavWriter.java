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
 */
final class WavWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final Path file;
    private final Storage.Output out;
    private final int channels;
    private final int sampleRate;
    private final long rf64Threshold;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private long flushedBytes;
    private boolean rf64;
    private boolean closed;

    WavWriter(Storage storage, Path file, int channels, int sampleRate, long rf64Threshold) throws IOException {
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("channels must be 1 or 2: " + channels);
        }
        this.file = file;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.rf64Threshold = rf64Threshold;
        this.out = storage.create(file);
        try {
            out.write(WavHeader.build(channels, sampleRate, 0, false), 0);
        } catch (IOException e) {
            out.close();
            throw e;
        }
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
            if (buffer.remaining() < 2) {
                drain();
            }
            int n = Math.min(left, buffer.remaining() / 2);
            buffer.asShortBuffer().put(samples, off, n);
            buffer.position(buffer.position() + 2 * n);
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
            if (buffer.remaining() < 2) {
                drain();
            }
            int n = (int) Math.min(left, buffer.remaining() / 2);
            for (int i = 0; i < n; i++) {
                buffer.putShort((short) 0);
            }
            left -= n;
        }
        dataBytes += 2L * count;
        switchIfNeeded();
    }

    /** Writes buffered samples and rewrites the header with the current sizes. */
    void flush() throws IOException {
        drain();
        out.write(WavHeader.build(channels, sampleRate, dataBytes, rf64), 0);
    }

    /** Flushes and forces the file to the device, then closes it. */
    void finish() throws IOException {
        if (closed) {
            return;
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
            buffer.clear();
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

    private void drain() throws IOException {
        if (buffer.position() == 0) {
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
