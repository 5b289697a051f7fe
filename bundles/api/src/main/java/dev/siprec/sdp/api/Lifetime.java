package dev.siprec.sdp.api;

/**
 * The master key lifetime of an RFC 4568 §6.1 key parameter: how many packets may be protected
 * under the key, written either as {@code 2^n} or as a decimal number.
 *
 * @param packets the lifetime in packets, at least 1
 * @param powerOfTwoForm {@code true} when written (and to be written) as {@code 2^n}
 */
public record Lifetime(long packets, boolean powerOfTwoForm) {
    public Lifetime {
        if (packets < 1) {
            throw new IllegalArgumentException("lifetime must be at least 1 packet: " + packets);
        }
        if (powerOfTwoForm && Long.bitCount(packets) != 1) {
            throw new IllegalArgumentException("lifetime in 2^n form must be a power of two: " + packets);
        }
    }

    /** @return the lifetime {@code 2^exponent}, {@code exponent} in 0..62. */
    public static Lifetime powerOfTwo(int exponent) {
        if (exponent < 0 || exponent > 62) {
            throw new IllegalArgumentException("lifetime exponent must be 0..62: " + exponent);
        }
        return new Lifetime(1L << exponent, true);
    }

    /** @return the text form, {@code 2^31} or {@code 1048576}. */
    @Override
    public String toString() {
        return powerOfTwoForm ? "2^" + Long.numberOfTrailingZeros(packets) : Long.toString(packets);
    }
}
