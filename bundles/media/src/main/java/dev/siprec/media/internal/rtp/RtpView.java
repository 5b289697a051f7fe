package dev.siprec.media.internal.rtp;

/**
 * A reusable parse of one RTP header (RFC 3550 §5.1): version 2, CSRC list, header extension
 * (§5.3.1) and padding (§5.1) checked against the packet length. Not thread-safe.
 */
public final class RtpView {
    /** RFC 3550 §5.1 fixed header size. */
    public static final int FIXED_HEADER = 12;

    private int payloadType;
    private boolean marker;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Parses {@code length} bytes from the start of {@code b}.
     *
     * @return {@code false} when the bytes are not a well-formed RTP packet
     */
    public boolean parse(byte[] b, int length) {
        if (length < FIXED_HEADER || (b[0] & 0xC0) != 0x80) {
            return false;
        }
        int csrcCount = b[0] & 0x0F;
        int offset = FIXED_HEADER + 4 * csrcCount;
        if ((b[0] & 0x10) != 0) {
            if (offset + 4 > length) {
                return false;
            }
            int words = ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
            offset += 4 + 4 * words;
        }
        if (offset > length) {
            return false;
        }
        int padding = 0;
        if ((b[0] & 0x20) != 0) {
            padding = b[length - 1] & 0xFF;
            if (padding == 0 || offset + padding > length) {
                return false;
            }
        }
        marker = (b[1] & 0x80) != 0;
        payloadType = b[1] & 0x7F;
        sequence = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        timestamp = readUint32(b, 4);
        ssrc = readUint32(b, 8);
        payloadOffset = offset;
        payloadLength = length - offset - padding;
        return true;
    }

    /** @return the payload type byte of a datagram without parsing it fully, -1 if too short */
    public static int peekPayloadType(byte[] b, int length) {
        return length < 2 ? -1 : b[1] & 0x7F;
    }

    /** RFC 5761 §4: payload types 64..95 on a multiplexed port are RTCP packet types 192..223. */
    public static boolean isRtcp(byte[] b, int length) {
        if (length < 2) {
            return false;
        }
        int pt = b[1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    static long readUint32(byte[] b, int o) {
        return ((long) (b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    public int payloadType() {
        return payloadType;
    }

    public boolean marker() {
        return marker;
    }

    public int sequence() {
        return sequence;
    }

    /** @return the RTP timestamp, unsigned */
    public long timestamp() {
        return timestamp;
    }

    /** @return the SSRC, unsigned */
    public long ssrc() {
        return ssrc;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
