package dev.siprec.media.internal.rtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes RTP packets to a classic pcap file (microsecond timestamps, {@code LINKTYPE_RAW} = 101), each
 * packet wrapped in a synthesized IPv4 or IPv6 and UDP header from the sender to the local port, so
 * that Wireshark's "Decode As RTP" replays it. Used for payload formats the server cannot decode.
 * Stops writing (and says so once) past {@link #MAX_BYTES} or after an I/O error.
 */
public final class PcapWriter implements AutoCloseable {
    /** Largest file written. */
    public static final long MAX_BYTES = 2L << 30;
    private static final int LINKTYPE_RAW = 101;

    private final Path file;
    private final OutputStream out;
    private final byte[] header = new byte[16 + 40 + 8];
    private final byte[] localAddress;
    private final int localPort;
    private long bytes;
    private boolean failed;

    private PcapWriter(Path file, OutputStream out, InetSocketAddress local) {
        this.file = file;
        this.out = out;
        this.localAddress = local.getAddress().getAddress();
        this.localPort = local.getPort();
    }

    /**
     * Creates {@code stream-<key>.pcap} in {@code directory} ({@code -2}, {@code -3}... if taken).
     *
     * @param local the address and port the packets were received on
     */
    public static PcapWriter create(Path directory, String streamKey, InetSocketAddress local) throws IOException {
        Files.createDirectories(directory);
        String base = "stream-" + streamKey.replaceAll("[^A-Za-z0-9._-]", "_");
        for (int i = 1; i < 1000; i++) {
            Path file = directory.resolve(base + (i == 1 ? "" : "-" + i) + ".pcap");
            OutputStream os;
            try {
                os = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                continue;
            }
            PcapWriter w = new PcapWriter(file, new BufferedOutputStream(os, 64 * 1024), local);
            w.writeGlobalHeader();
            return w;
        }
        throw new IOException("no free pcap file name for " + base + " in " + directory);
    }

    public Path file() {
        return file;
    }

    /** Appends one packet received from {@code source} at {@code time}; @return {@code false} when it was not written */
    public boolean write(byte[] rtp, int length, InetSocketAddress source, Instant time) {
        if (failed || bytes + length + header.length > MAX_BYTES) {
            return false;
        }
        byte[] src = source.getAddress().getAddress();
        boolean v4 = source.getAddress() instanceof Inet4Address && localAddress.length == 4;
        int ipLength = v4 ? 20 : 40;
        int total = ipLength + 8 + length;
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
        putLe(0, (int) (micros / 1_000_000));
        putLe(4, (int) (micros % 1_000_000));
        putLe(8, total);
        putLe(12, total);
        int o = 16;
        if (v4) {
            o = ipv4(o, src, total);
        } else {
            o = ipv6(o, src, 8 + length);
        }
        putShortBe(o, source.getPort());
        putShortBe(o + 2, localPort);
        putShortBe(o + 4, 8 + length);
        putShortBe(o + 6, 0);
        try {
            out.write(header, 0, o + 8);
            out.write(rtp, 0, length);
            bytes += o + 8 + length;
            return true;
        } catch (IOException e) {
            failed = true;
            return false;
        }
    }

    /** @return {@code true} once a write failed */
    public boolean failed() {
        return failed;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeGlobalHeader() throws IOException {
        byte[] g = new byte[24];
        System.arraycopy(new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0, 4, 0}, 0, g, 0, 8);
        g[16] = (byte) 0xFF;
        g[17] = (byte) 0xFF;
        g[20] = LINKTYPE_RAW;
        out.write(g);
        bytes = g.length;
    }

    private int ipv4(int o, byte[] src, int total) {
        java.util.Arrays.fill(header, o, o + 20, (byte) 0);
        header[o] = 0x45;
        putShortBe(o + 2, total);
        header[o + 6] = 0x40; // don't fragment
        header[o + 8] = 64;
        header[o + 9] = 17;
        System.arraycopy(src, 0, header, o + 12, 4);
        System.arraycopy(localAddress, 0, header, o + 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((header[o + i] & 0xFF) << 8) | (header[o + i + 1] & 0xFF);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        putShortBe(o + 10, ~sum & 0xFFFF);
        return o + 20;
    }

    private int ipv6(int o, byte[] src, int payload) {
        java.util.Arrays.fill(header, o, o + 40, (byte) 0);
        header[o] = 0x60;
        putShortBe(o + 4, payload);
        header[o + 6] = 17;
        header[o + 7] = 64;
        System.arraycopy(v6(src), 0, header, o + 8, 16);
        System.arraycopy(v6(localAddress), 0, header, o + 24, 16);
        return o + 40;
    }

    private static byte[] v6(byte[] a) {
        if (a.length == 16) {
            return a;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(a, 0, mapped, 12, 4);
        return mapped;
    }

    private void putLe(int o, int v) {
        header[o] = (byte) v;
        header[o + 1] = (byte) (v >>> 8);
        header[o + 2] = (byte) (v >>> 16);
        header[o + 3] = (byte) (v >>> 24);
    }

    private void putShortBe(int o, int v) {
        header[o] = (byte) (v >>> 8);
        header[o + 1] = (byte) v;
    }
}
