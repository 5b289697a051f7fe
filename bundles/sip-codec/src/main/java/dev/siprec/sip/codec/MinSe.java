package dev.siprec.sip.codec;

import java.util.Objects;

/**
 * The {@code Min-SE} value (RFC 4028 §5): the smallest session interval accepted, in seconds.
 *
 * @param deltaSeconds the minimum interval; RFC 4028 §4 forbids values below 90
 * @param params extension parameters in order
 */
public record MinSe(long deltaSeconds, Parameters params) {
    /** The lowest value a {@code Min-SE} may carry (RFC 4028 §4). */
    public static final long FLOOR = 90;

    /** Validates the range. */
    public MinSe {
        Objects.requireNonNull(params, "params");
        if (deltaSeconds < 0 || deltaSeconds > 0xFFFFFFFFL) {
            throw new SipSyntaxException("Min-SE: out of range");
        }
    }

    /**
     * @param value e.g. {@code 90}
     * @return the parsed value
     * @throws SipSyntaxException if malformed
     */
    public static MinSe parse(String value) {
        Cursor c = new Cursor(Objects.requireNonNull(value, "value"), "Min-SE");
        long delta = DeltaSeconds.parse(c);
        Parameters params = Parameters.parse(c);
        c.expectEnd();
        return new MinSe(delta, params);
    }

    /** @return a value without parameters */
    public static MinSe of(long deltaSeconds) {
        return new MinSe(deltaSeconds, Parameters.EMPTY);
    }

    @Override
    public String toString() {
        return deltaSeconds + params.toString();
    }
}
