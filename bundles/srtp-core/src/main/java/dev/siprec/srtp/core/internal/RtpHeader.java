package dev.siprec.srtp.core.internal;

import dev.siprec.srtp.spi.Bytes;

/** Bounds-checked reading of RTP (RFC 3550 §5.1) and RTCP (§6.4) headers, without allocation. */
final class RtpHeader {
    private RtpHeader() {
    }

    /**
     * @return the RTP header length (fixed part, CSRCs, header extension, RFC 3550 §5.3.1), or -1 if
     *         the packet is shorter than that or is not version 2
     */
    static int length(byte[] p, int len) {
        if (len < 12 || (p[0] & 0xc0) != 0x80) {
            return -1;
        }
        int hdr = 12 + 4 * (p[0] & 0x0f);
        if ((p[0] & 0x10) != 0) {
            if (hdr + 4 > len) {
                return -1;
            }
            hdr += 4 + 4 * Bytes.u16(p, hdr + 2);
        }
        return hdr <= len ? hdr : -1;
    }

    /** @return whether {@code p} starts like an RTCP packet: version 2, packet type 192..223 (RFC 5761 §4) */
    static boolean isRtcp(byte[] p, int len) {
        if (len < 8 || (p[0] & 0xc0) != 0x80) {
            return false;
        }
        int pt = p[1] & 0xff;
        return pt >= 192 && pt <= 223;
    }

    static int sequence(byte[] p) {
        return Bytes.u16(p, 2);
    }

    static long rtpSsrc(byte[] p) {
        return Bytes.u32(p, 8);
    }

    static long rtcpSsrc(byte[] p) {
        return Bytes.u32(p, 4);
    }
}
