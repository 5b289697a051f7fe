package dev.siprec.media.internal.rtp;

/**
 * What an RTCP receiver report would say about one stream (RFC 3550): extended highest sequence
 * number, packets expected and received, per interval (§A.3), and the interarrival jitter estimate
 * (§6.4.1, §A.8). Sequence numbers are tracked as in §A.1: wrap-around counts a cycle, a packet up to
 * {@link #MAX_MISORDER} behind is a reordered or duplicate packet, a jump of more than
 * {@link #MAX_DROPOUT} ahead is believed only when the next packet follows it (a sender restart).
 * A new SSRC starts afresh; counts of the interval so far are kept. Constant time and no allocation
 * per packet; called under the receiver's lock only.
 */
public final class ReceptionStats {
    /**
     * One interval's counts (RFC 3550 §A.3).
     *
     * @param expected {@code expected_interval}
     * @param received {@code received_interval}
     */
    public record Interval(long expected, long received) {
    }

    static final int RTP_SEQ_MOD = 1 << 16;
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = RTP_SEQ_MOD + 1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    /** Expected and received of earlier sources (or before a restart) within the current interval. */
    private long carriedExpected;
    private long carriedReceived;

    private boolean jitterStarted;
    private long lastArrival;
    private long lastTimestamp;
    private int lastClockRate;
    /** J in RTP timestamp units of {@link #lastClockRate}. */
    private double jitter;
    private double jitterMillis = Double.NaN;

    /**
     * One valid RTP packet of the current source, in arrival order.
     *
     * @param sequence the 16-bit sequence number
     * @param timestamp the 32-bit RTP timestamp
     * @param clockRate the payload format's RTP clock rate, or 0 when the packet's timing says nothing
     *                  about the network (telephone events repeat one timestamp): then it is counted but
     *                  not used for jitter
     * @param arrivalNanos arrival time on a monotonic clock
     */
    public void packet(int sequence, long timestamp, int clockRate, long arrivalNanos) {
        if (updateSequence(sequence & 0xFFFF) && clockRate > 0) {
            updateJitter(timestamp & 0xFFFFFFFFL, clockRate, arrivalNanos);
        }
    }

    /** RFC 3550 §A.1 {@code update_seq}; @return whether the packet was counted */
    private boolean updateSequence(int seq) {
        if (!started) {
            initSequence(seq);
            started = true;
            received++;
            return true;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped around
            }
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
                return false; // a very large jump: wait for a second packet in sequence
            }
            carry(); // two packets in sequence after the jump: the sender restarted
            initSequence(seq);
            jitterStarted = false;
        }
        // else: a duplicate or reordered packet, behind maxSeq
        received++;
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** RFC 3550 §6.4.1: D(i,j) = (Rj - Ri) - (Sj - Si); J += (|D(i-1,i)| - J) / 16, in arrival order. */
    private void updateJitter(long timestamp, int clockRate, long arrivalNanos) {
        if (!jitterStarted || clockRate != lastClockRate) {
            if (jitterStarted) {
                jitter = jitter * clockRate / lastClockRate; // same time, other unit
            }
            jitterStarted = true;
            lastClockRate = clockRate;
            lastArrival = arrivalNanos;
            lastTimestamp = timestamp;
            return;
        }
        double arrivalDelta = (arrivalNanos - lastArrival) * (double) clockRate / 1e9;
        int timestampDelta = (int) (timestamp - lastTimestamp); // modulo 2^32, signed
        double d = arrivalDelta - timestampDelta;
        jitter += (Math.abs(d) - jitter) / 16.0;
        jitterMillis = jitter * 1000.0 / clockRate;
        lastArrival = arrivalNanos;
        lastTimestamp = timestamp;
    }

    /** A new SSRC: sequence and jitter start again with its first packet; this interval's counts stay. */
    public void newSource() {
        carry();
        started = false;
        jitterStarted = false;
    }

    /** The stream was on hold: the next packet's timing is not a network delay, so jitter restarts from it. */
    public void resume() {
        jitterStarted = false;
    }

    private void carry() {
        if (started) {
            carriedExpected += expected() - expectedPrior;
            carriedReceived += received - receivedPrior;
        }
        expectedPrior = expected();
        receivedPrior = received;
    }

    /** @return RFC 3550 §A.3 extended highest sequence number received, or -1 before a packet */
    public long extendedMax() {
        return started ? cycles + maxSeq : -1;
    }

    /** @return packets expected from the current source since its first packet */
    public long expected() {
        return started ? extendedMax() - baseSeq + 1 : 0;
    }

    /** @return packets received from the current source, duplicates included */
    public long received() {
        return received;
    }

    /** @return the jitter estimate in milliseconds, or {@link Double#NaN} before two audio packets */
    public double jitterMillis() {
        return jitterMillis;
    }

    /**
     * Closes the current interval (RFC 3550 §A.3 {@code expected_interval}, {@code received_interval}).
     *
     * @return the counts of the interval that ends now
     */
    public Interval interval() {
        long expected = expected();
        Interval out = new Interval(carriedExpected + expected - expectedPrior, carriedReceived + received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        carriedExpected = 0;
        carriedReceived = 0;
        return out;
    }
}
