package dev.siprec.media.internal.rtp;

/**
 * Bounded parser of compound RTCP packets (RFC 3550 §6.1, §6.4–6.6; reduced-size RTCP RFC 5506):
 * every packet has version 2, a type in 192..223, and a length that fits; padding only in the last
 * one; at most {@link #MAX_PACKETS} packets. Sender reports and BYEs are passed to a listener.
 */
public final class RtcpParser {
    /** Packets per compound accepted. */
    public static final int MAX_PACKETS = 32;
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;

    /** Receives what the media path uses. */
    public interface Listener {
        /** RFC 3550 §6.4.1: the sender's NTP time (seconds since 1900 and fraction) and RTP timestamp. */
        void senderReport(long ssrc, long ntpSeconds, long ntpFraction, long rtpTimestamp);

        /** RFC 3550 §6.6: a source leaves. */
        void bye(long ssrc);
    }

    private RtcpParser() {
    }

    /** @return the number of RTCP packets in the compound, or -1 when it is malformed (nothing is reported then) */
    public static int parse(byte[] b, int length, Listener listener) {
        int count = validate(b, length);
        if (count < 0) {
            return -1;
        }
        int offset = 0;
        for (int i = 0; i < count; i++) {
            int pt = b[offset + 1] & 0xFF;
            int size = size(b, offset);
            int sc = b[offset] & 0x1F;
            if (pt == SR) {
                listener.senderReport(RtpView.readUint32(b, offset + 4), RtpView.readUint32(b, offset + 8),
                        RtpView.readUint32(b, offset + 12), RtpView.readUint32(b, offset + 16));
            } else if (pt == BYE) {
                for (int s = 0; s < sc; s++) {
                    listener.bye(RtpView.readUint32(b, offset + 4 + 4 * s));
                }
            }
            offset += size;
        }
        return count;
    }

    private static int validate(byte[] b, int length) {
        int offset = 0;
        int count = 0;
        while (offset < length) {
            if (count == MAX_PACKETS || offset + 4 > length || (b[offset] & 0xC0) != 0x80) {
                return -1;
            }
            int pt = b[offset + 1] & 0xFF;
            int size = size(b, offset);
            if (pt < 192 || pt > 223 || offset + size > length) {
                return -1;
            }
            boolean padded = (b[offset] & 0x20) != 0;
            if (padded && offset + size != length) {
                return -1;
            }
            int sc = b[offset] & 0x1F;
            int body = size - (padded ? (b[offset + size - 1] & 0xFF) : 0);
            if (body < 4 || (pt == SR && body < 28 + 24 * sc) || (pt == RR && body < 8 + 24 * sc)
                    || (pt == BYE && body < 4 + 4 * sc)) {
                return -1;
            }
            offset += size;
            count++;
        }
        return count == 0 ? -1 : count;
    }

    private static int size(byte[] b, int offset) {
        return 4 * ((((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF)) + 1);
    }
}
