package dev.siprec.srtp.testing;

import java.util.Arrays;

/** RTP and RTCP packets for tests. */
public final class Packets {
    private Packets() {
    }

    /** A 12-byte-header RTP packet (PT 0) with a payload of {@code payloadLength} bytes derived from seq. */
    public static byte[] rtp(long ssrc, int seq, int payloadLength) {
        byte[] p = new byte[12 + payloadLength];
        p[0] = (byte) 0x80;
        p[1] = 0;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        int ts = seq * 160;
        p[4] = (byte) (ts >>> 24);
        p[5] = (byte) (ts >>> 16);
        p[6] = (byte) (ts >>> 8);
        p[7] = (byte) ts;
        put32(p, 8, ssrc);
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (seq * 31 + i);
        }
        return p;
    }

    /** An RTCP receiver report (PT 201) from {@code ssrc} with one report block. */
    public static byte[] rtcp(long ssrc, int n) {
        byte[] p = new byte[32];
        p[0] = (byte) 0x81;
        p[1] = (byte) 201;
        p[3] = 7;
        put32(p, 4, ssrc);
        put32(p, 8, 0x11223344L);
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (n + i);
        }
        return p;
    }

    /** {@code packet} copied into a buffer with {@code room} spare bytes. */
    public static byte[] withRoom(byte[] packet, int room) {
        return Arrays.copyOf(packet, packet.length + room);
    }

    static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
