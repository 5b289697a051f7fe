package dev.siprec.sdp.api;

/**
 * The master key identifier of an RFC 4568 §6.1 key parameter, {@code |<value>:<length>}: the
 * value is carried big-endian in {@code length} bytes after each SRTP packet's payload
 * (RFC 3711 §3.1).
 *
 * @param value the MKI value, non-negative and fitting in {@code length} bytes
 * @param length the MKI length in bytes, 1..128
 */
public record Mki(long value, int length) {
    /** Longest MKI, in bytes (RFC 4568 §9.2). */
    public static final int MAX_LENGTH = 128;

    public Mki {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("MKI length must be 1.." + MAX_LENGTH + " bytes: " + length);
        }
        if (value < 0 || (length < 8 && (value >>> (8 * length)) != 0)) {
            throw new IllegalArgumentException("MKI value " + value + " does not fit in " + length + " bytes");
        }
    }

    /** @return the MKI as sent on the wire: {@link #value()} big-endian in {@link #length()} bytes. */
    public byte[] bytes() {
        byte[] b = new byte[length];
        for (int i = 0; i < Math.min(length, 8); i++) {
            b[length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    /** @return {@code value:length} as in SDP. */
    @Override
    public String toString() {
        return value + ":" + length;
    }
}
