package dev.siprec.srtp.core.internal;

/**
 * Decides when a packet from an SSRC without context, which failed authentication at ROC 0, is
 * tried again at ROC 1..{@code range}: a stream that starts mid-flight (ROC above 0, e.g. after a
 * long hold; SDES carries no ROC) authenticates only at its real ROC. To keep floods of junk SSRCs
 * at one authentication each, an SSRC is probed only from its second failure on, and at most
 * {@code maxProbes} times; a few slots remember recent failing SSRCs (round robin, no allocation).
 * Probing is also rate-limited for the whole session, i.e. per source (one session serves one media
 * stream of one peer): a token bucket of {@code ratePerSecond} probe rounds per second, burst equal
 * to the rate. So unauthenticated packets cost one tag check each, plus at most
 * {@code ratePerSecond * range} more per second, however many SSRCs they name.
 */
final class RocProbe {
    private static final int SLOTS = 8;

    /** Made on the first failure at ROC 0 (most sessions never see one). */
    private long[] ssrcs;
    private int[] failures;
    private final int range;
    private final int maxProbes;
    private final int ratePerSecond;
    private double tokens;
    private long refilled;
    private int next;
    long rateLimited;

    /**
     * @param range highest ROC tried, 0 disables probing
     * @param maxProbes packets of one SSRC that are probed before it is given up
     */
    /**
     * @param ratePerSecond probe rounds per second for this session (token bucket, burst = rate)
     * @param now the clock's time now, nanoseconds
     */
    RocProbe(int range, int maxProbes, int ratePerSecond, long now) {
        this.range = range;
        this.maxProbes = maxProbes;
        this.ratePerSecond = ratePerSecond;
        this.tokens = Math.min(ratePerSecond, 1_000_000);
        this.refilled = now;
    }

    int range() {
        return range;
    }

    /** Records a failure of {@code ssrc} at ROC 0 at time {@code now}. @return whether to probe ROC 1..range now */
    boolean failedAtZero(long ssrc, long now) {
        if (range == 0) {
            return false;
        }
        if (ssrcs == null) {
            ssrcs = new long[SLOTS];
            failures = new int[SLOTS];
            java.util.Arrays.fill(ssrcs, -1L);
        }
        for (int i = 0; i < SLOTS; i++) {
            if (ssrcs[i] == ssrc) {
                failures[i]++;
                return failures[i] - 1 <= maxProbes && take(now);
            }
        }
        ssrcs[next] = ssrc;
        failures[next] = 1;
        next = (next + 1) % SLOTS;
        return false;
    }

    /** Takes one probe round from the bucket, refilled at {@code ratePerSecond}. */
    private boolean take(long now) {
        double cap = Math.min(ratePerSecond, 1_000_000);
        tokens = Math.min(cap, tokens + (now - refilled) * 1e-9 * ratePerSecond);
        refilled = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        rateLimited++;
        return false;
    }

    /** Forgets {@code ssrc} once it has a context. */
    void forget(long ssrc) {
        if (ssrcs == null) {
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (ssrcs[i] == ssrc) {
                ssrcs[i] = -1L;
                failures[i] = 0;
            }
        }
    }
}
