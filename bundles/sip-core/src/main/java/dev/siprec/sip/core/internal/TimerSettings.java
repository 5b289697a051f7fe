package dev.siprec.sip.core.internal;

/**
 * The base timer values of RFC 3261 §17.1.1.1 and Table 4 (milliseconds).
 *
 * @param t1 RTT estimate, default 500 ms
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s
 * @param t4 maximum duration a message remains in the network, default 5 s
 */
public record TimerSettings(long t1, long t2, long t4) {

    /** The RFC 3261 defaults. */
    public static final TimerSettings DEFAULTS = new TimerSettings(500, 4000, 5000);

    public TimerSettings {
        if (t1 <= 0 || t2 < t1 || t4 <= 0) {
            throw new IllegalArgumentException("timers must satisfy 0 < t1 <= t2 and t4 > 0 (t1=" + t1 + ", t2=" + t2 + ", t4=" + t4 + ")");
        }
    }

    /** @return 64*T1: Timers B, F, H, J (unreliable), L and M. */
    public long timeout() {
        return 64 * t1;
    }

    /** @return Timer D: at least 32 s over unreliable transports, zero over reliable ones (§17.1.1.2). */
    public long timerD(boolean reliable) {
        return reliable ? 0 : Math.max(32_000, timeout() / 2);
    }
}
