package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where audio bytes go: a file opened for positional writes. The seam lets tests simulate a full
 * disk; production uses {@link #FILES}.
 */
interface Storage {

    /** An open output file. */
    interface Output extends AutoCloseable {
        /** Writes all of {@code src} at {@code position}. */
        void write(ByteBuffer src, long position) throws IOException;

        /**
         * Reads bytes written before, from {@code position} until {@code dst} is full (the stereo mix
         * reads its inputs back from the stream files instead of keeping them in memory).
         *
         * @throws java.io.EOFException when the file ends first
         */
        void read(ByteBuffer dst, long position) throws IOException;

        /** Forces content and metadata to the device. */
        void force() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Creates a new file; fails if it exists. */
    Output create(Path file) throws IOException;

    /** Opens an existing file for writing (header repair). */
    Output openExisting(Path file) throws IOException;

    /** @return bytes available to this process on the file store holding {@code path}. */
    long usableSpace(Path path) throws IOException;

    /** The real file system. */
    Storage FILES = new Storage() {
        @Override
        public Output create(Path file) throws IOException {
            return new ChannelOutput(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ));
        }

        @Override
        public Output openExisting(Path file) throws IOException {
            return new ChannelOutput(FileChannel.open(file, StandardOpenOption.WRITE));
        }

        @Override
        public long usableSpace(Path path) throws IOException {
            // statvfs on the folder itself: Files.getFileStore parses /proc/mounts, which fails
            // ("Mount point not found") when the process is short of file descriptors under load.
            long free = path.toFile().getUsableSpace();
            return free > 0 ? free : Files.getFileStore(path).getUsableSpace();
        }
    };

    /** @return this storage, adding the bytes of every write to {@code written} */
    default Storage counting(java.util.function.LongConsumer written) {
        Storage inner = this;
        return new Storage() {
            @Override
            public Output create(Path file) throws IOException {
                return counted(inner.create(file));
            }

            @Override
            public Output openExisting(Path file) throws IOException {
                return counted(inner.openExisting(file));
            }

            @Override
            public long usableSpace(Path path) throws IOException {
                return inner.usableSpace(path);
            }

            private Output counted(Output out) {
                return new Output() {
                    @Override
                    public void write(ByteBuffer src, long position) throws IOException {
                        int n = src.remaining();
                        out.write(src, position);
                        written.accept(n);
                    }

                    @Override
                    public void read(ByteBuffer dst, long position) throws IOException {
                        out.read(dst, position);
                    }

                    @Override
                    public void force() throws IOException {
                        out.force();
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }
                };
            }
        };
    }

    /** An {@link Output} over a {@link FileChannel}. */
    final class ChannelOutput implements Output {
        private final FileChannel channel;

        ChannelOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            long p = position;
            while (src.hasRemaining()) {
                p += channel.write(src, p);
            }
        }

        @Override
        public void read(ByteBuffer dst, long position) throws IOException {
            long p = position;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, p);
                if (n < 0) {
                    throw new java.io.EOFException("read past the end of the file at " + p);
                }
                p += n;
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
