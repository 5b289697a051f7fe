package dev.siprec.sip.transport.stream;

/**
 * The timeout rules of a stream connection as a pure function of its timestamps, so that they can
 * be checked with any clock: handshake (TLS) or first-byte (TCP) timeout, slow sender (a message
 * must complete in time and arrive at a minimum average rate), idle timeout.
 */
final class Timeouts {
    /** The read-rate check starts after a message has been in progress this long. */
    static final long RATE_GRACE_NANOS = 2_000_000_000L;

    /** What expired. */
    enum Kind { HANDSHAKE, SLOW_SENDER, IDLE }

    /** An expiry with a text for the log. */
    record Expiry(Kind kind, String detail) {
    }

    /** A connection's timestamps, all in {@code System.nanoTime()} units. */
    record Clocks(long created, long lastActivity, boolean established, boolean anyByte, boolean inbound,
                  long messageStartedAt, long messageBytes) {
    }

    private final StreamSettings settings;

    Timeouts(StreamSettings settings) {
        this.settings = settings;
    }

    /** @return the first rule {@code c} breaks at {@code now}, or {@code null} */
    Expiry check(long now, Clocks c) {
        long handshake = settings.handshakeTimeout().toNanos();
        if (!c.established() && now - c.created() > handshake) {
            return new Expiry(Kind.HANDSHAKE, "TLS handshake not completed within " + millis(handshake) + " ms");
        }
        if (c.inbound() && !c.anyByte() && now - c.created() > handshake) {
            return new Expiry(Kind.HANDSHAKE, "no data within " + millis(handshake) + " ms of connecting");
        }
        if (c.messageStartedAt() != 0) {
            long elapsed = now - c.messageStartedAt();
            long limit = settings.messageTimeout().toNanos();
            if (elapsed > limit) {
                return new Expiry(Kind.SLOW_SENDER, c.messageBytes() + " bytes of a message in " + millis(elapsed)
                        + " ms, limit " + millis(limit) + " ms");
            }
            int min = settings.minBytesPerSecond();
            if (min > 0 && elapsed > RATE_GRACE_NANOS && c.messageBytes() * 1_000_000_000L / elapsed < min) {
                return new Expiry(Kind.SLOW_SENDER, c.messageBytes() + " bytes in " + millis(elapsed)
                        + " ms, below " + min + " bytes/s");
            }
        }
        if (now - c.lastActivity() > settings.idleTimeout().toNanos()) {
            return new Expiry(Kind.IDLE, "idle for " + millis(now - c.lastActivity()) + " ms");
        }
        return null;
    }

    /**
     * @param lastMessage when the connection last carried a SIP message either way (keep-alives do not count)
     * @return whether {@code max.idle.without.dialog.seconds} is over, so that the connection must
     *         be closed unless a dialog uses it
     */
    boolean noDialogDue(long now, long lastMessage) {
        return now - lastMessage > settings.maxIdleWithoutDialog().toNanos();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
