package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file system with a byte budget (a full disk: writes that would grow files past it fail with
 * "No space left on device", rewrites of existing bytes still work) and an optional gate that
 * blocks every write (a stalled disk).
 */
final class TestStorage implements Storage {
    final AtomicLong budget = new AtomicLong(Long.MAX_VALUE / 2);
    volatile long reportedFree = Long.MAX_VALUE / 2;
    /** When set, reading the free space fails with it (the check's own failure, not a full disk). */
    volatile IOException spaceCheckFailure;
    volatile CountDownLatch gate;
    /** Counted down when a write waits at the gate. */
    final CountDownLatch stalled = new CountDownLatch(1);
    /** Called with each file forced through this storage, before the force. */
    volatile java.util.function.Consumer<Path> onForce = p -> { };

    @Override
    public Output create(Path file) throws IOException {
        Output real = Storage.FILES.create(file);
        return new Forwarding(real, file) {
            long size;

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                CountDownLatch g = gate;
                if (g != null) {
                    stalled.countDown();
                    try {
                        g.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                int n = src.remaining();
                long growth = Math.max(0, position + n - size);
                if (growth > 0 && budget.addAndGet(-growth) < 0) {
                    long allowedGrowth = growth + budget.get();
                    budget.set(0);
                    int writable = (int) (n - growth + allowedGrowth);
                    if (writable > 0) {
                        ByteBuffer part = src.slice().limit(writable);
                        real.write(part, position);
                        src.position(src.position() + writable);
                        size = Math.max(size, position + writable);
                    }
                    throw new IOException("No space left on device");
                }
                real.write(src, position);
                size = Math.max(size, position + n);
            }
        };
    }

    @Override
    public Output openExisting(Path file) throws IOException {
        return new Forwarding(Storage.FILES.openExisting(file), file);
    }

    /** A real file's output that reports its forces to {@link #onForce}. */
    private class Forwarding implements Output {
        final Output real;
        final Path file;

        Forwarding(Output real, Path file) {
            this.real = real;
            this.file = file;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            real.write(src, position);
        }

        @Override
        public void read(ByteBuffer dst, long position) throws IOException {
            real.read(dst, position);
        }

        @Override
        public void force() throws IOException {
            onForce.accept(file);
            real.force();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }

    @Override
    public long usableSpace(Path path) throws IOException {
        IOException e = spaceCheckFailure;
        if (e != null) {
            throw e;
        }
        return reportedFree;
    }
}
