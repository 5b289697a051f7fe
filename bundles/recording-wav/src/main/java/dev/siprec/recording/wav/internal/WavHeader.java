package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The 80-byte header of the files this sink writes, and a parser for RIFF/WAVE and RF64 files.
 * <p>
 * Layout: {@code RIFF size WAVE}, a 28-byte {@code JUNK} chunk reserving the space of an RF64
 * {@code ds64} chunk (EBU Tech 3306 §3), {@code fmt } (PCM, 16 bits), then the {@code data} chunk at
 * offset 80. Switching to RF64 rewrites the first 80 bytes in place: {@code RF64}, the 32-bit sizes
 * set to {@code 0xFFFFFFFF}, and the {@code JUNK} chunk becomes {@code ds64} with the 64-bit sizes.
 */
final class WavHeader {
    static final int SIZE = 80;
    static final int DATA_OFFSET = SIZE;
    static final long MAX_RIFF_SIZE = 0xFFFFFFFFL;
    private static final int DS64_BODY = 28;
    private static final int MAX_CHUNKS = 64;

    private WavHeader() {
    }

    /** Parsed facts of a WAV or RF64 file. */
    record Info(boolean rf64, int channels, int sampleRate, int bitsPerSample, long dataOffset, long dataSize,
                long riffSize) {
        int blockAlign() {
            return channels * bitsPerSample / 8;
        }

        long frames() {
            return dataSize / blockAlign();
        }
    }

    /** Builds the header for {@code dataBytes} of PCM data. */
    static ByteBuffer build(int channels, int sampleRate, long dataBytes, boolean rf64) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long riffSize = SIZE - 8 + dataBytes;
        int blockAlign = channels * 2;
        b.put(ascii(rf64 ? "RF64" : "RIFF")).putInt(rf64 ? -1 : (int) riffSize).put(ascii("WAVE"));
        b.put(ascii(rf64 ? "ds64" : "JUNK")).putInt(DS64_BODY);
        if (rf64) {
            b.putLong(riffSize).putLong(dataBytes).putLong(dataBytes / blockAlign).putInt(0);
        } else {
            b.put(new byte[DS64_BODY]);
        }
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        b.put(ascii("data")).putInt(rf64 ? -1 : (int) dataBytes);
        return b.flip();
    }

    /** @return whether a file with {@code dataBytes} of data needs the RF64 form under {@code threshold}. */
    static boolean needsRf64(long dataBytes, long threshold) {
        return SIZE - 8 + dataBytes > threshold;
    }

    /** Reads the header of {@code file}. */
    static Info read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch);
        }
    }

    /** Reads a RIFF/WAVE or RF64 header: walks the chunks up to {@code data} (bounded). */
    static Info read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, 0);
        String id = id(b, 0);
        boolean rf64 = id.equals("RF64");
        if (!rf64 && !id.equals("RIFF") || !id(b, 8).equals("WAVE")) {
            throw new IOException("not a WAVE file");
        }
        long riffSize = Integer.toUnsignedLong(b.getInt(4));
        long ds64Data = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        long pos = 12;
        for (int i = 0; i < MAX_CHUNKS; i++) {
            ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, h, pos);
            String chunk = id(h, 0);
            long size = Integer.toUnsignedLong(h.getInt(4));
            if (chunk.equals("ds64")) {
                ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, d, pos + 8);
                riffSize = d.getLong(0);
                ds64Data = d.getLong(8);
            } else if (chunk.equals("fmt ")) {
                ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, f, pos + 8);
                channels = f.getShort(2) & 0xFFFF;
                rate = f.getInt(4);
                bits = f.getShort(14) & 0xFFFF;
            } else if (chunk.equals("data")) {
                if (channels == 0 || bits == 0) {
                    throw new IOException("data chunk before fmt chunk");
                }
                long dataSize = rf64 && size == MAX_RIFF_SIZE && ds64Data >= 0 ? ds64Data : size;
                return new Info(rf64, channels, rate, bits, pos + 8, dataSize, riffSize);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk in the first " + MAX_CHUNKS + " chunks");
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("truncated WAVE header");
            }
            p += n;
        }
        b.flip();
    }

    private static String id(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
