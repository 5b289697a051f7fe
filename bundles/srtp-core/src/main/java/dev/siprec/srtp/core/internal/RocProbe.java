package dev.siprec.srtp.core.internal;

/**
 * Decides when a packet from an SSRC without context, which failed authentication at ROC 0, is
 * tried again at ROC 1..{@code range}: a stream that starts mid-flight (ROC above 0, e.g. after a
 * long hold; SDES carries no ROC) authenticates only at its real ROC. To keep floods of junk SSRCs
 * at one authentication each, an SSRC is probed only from its second failure on, and at most
 * {@code maxProbes} times; a few slots remember recent failing SSRCs (round robin, no allocation).
 */
final class RocProbe {
    private static final int SLOTS = 8;

    private final long[] ssrcs = new long[SLOTS];
    private final int[] failures = new int[SLOTS];
    private final int range;
    private final int maxProbes;
    private int next;

    /**
     * @param range highest ROC tried, 0 disables probing
     * @param maxProbes packets of one SSRC that are probed before it is given up
     */
    RocProbe(int range, int maxProbes) {
        this.range = range;
        this.maxProbes = maxProbes;
        java.util.Arrays.fill(ssrcs, -1L);
    }

    int range() {
        return range;
    }

    /** Records a failure of {@code ssrc} at ROC 0. @return whether to probe ROC 1..range now */
    boolean failedAtZero(long ssrc) {
        if (range == 0) {
            return false;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (ssrcs[i] == ssrc) {
                failures[i]++;
                return failures[i] - 1 <= maxProbes;
            }
        }
        ssrcs[next] = ssrc;
        failures[next] = 1;
        next = (next + 1) % SLOTS;
        return false;
    }

    /** Forgets {@code ssrc} once it has a context. */
    void forget(long ssrc) {
        for (int i = 0; i < SLOTS; i++) {
            if (ssrcs[i] == ssrc) {
                ssrcs[i] = -1L;
                failures[i] = 0;
            }
        }
    }
}
