package dev.siprec.media.internal.rtp;

/**
 * Maps RTP timestamps to output sample positions and writes PCM so that the output is contiguous and
 * tracks wall-clock time. Positions come from RTP timestamps converted to the output rate, relative to
 * an anchor (first packet of an SSRC), so silence (DTX, comfort noise, loss) keeps its length. Between
 * two packets played in order, the timestamp step is compared with the arrival step: a timestamp jump
 * ahead of elapsed time by more than {@link #REBASE_SECONDS} re-anchors at the arrival-based position,
 * and so does a pause with frozen timestamps when the new talkspurt is marked (RFC 3551 §4.1 marker
 * bit); a timestamp going backwards continues at the write position. Arrival steps are only trusted
 * for such discontinuities, never accumulated, so a stall of the receiving thread cannot insert
 * silence. Gaps are filled with silence in chunks, at most {@link #MAX_GAP_SECONDS} per gap; overlaps
 * are trimmed.
 * <p>
 * No position runs ahead of wall-clock time: a packet is placed at most at the time elapsed since the
 * first packet plus the jitter window (and {@link #SLACK_MILLIS}). Timestamps that advance faster than
 * time (small jumps under the re-anchoring limit, repeated) would otherwise write silence far beyond
 * real time; the excess is counted ({@link #clampedSamples()}), not written, and the stream re-anchors at
 * the bound.
 */
public final class Timeline {
    /** Disagreement between timestamp step and arrival step that re-anchors the stream. */
    public static final int REBASE_SECONDS = 1;
    /** Longest single silence fill: 4 hours. */
    public static final long MAX_GAP_SECONDS = 4 * 3600;
    /** Tolerance above wall-clock time plus the jitter window (packetization, scheduling). */
    public static final int SLACK_MILLIS = 100;
    private static final short[] SILENCE = new short[8000];
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Timeline.class);

    private final int rate;
    private final SafeOutput out;
    private final MediaClock clock;
    private long written;
    private boolean anchored;
    private boolean reanchor;
    private long anchorSsrc;
    private long anchorTs;
    private int anchorClock;
    private long anchorPos;
    private long lastPos;
    private long lastArrival;
    private boolean pendingReport;
    private long reportSsrc;
    private long reportTs;
    private java.time.Instant reportWall;
    private final long aheadSamples;
    private long firstArrival;
    private long clampedSamples;
    private long clampEvents;

    public Timeline(int rate, SafeOutput out, MediaClock clock) {
        this(rate, out, clock, 200_000_000L);
    }

    /** @param jitterNanos the jitter window: how far a position may run ahead of wall-clock time (plus {@link #SLACK_MILLIS}) */
    public Timeline(int rate, SafeOutput out, MediaClock clock, long jitterNanos) {
        this.rate = rate;
        this.out = out;
        this.clock = clock;
        this.aheadSamples = samplesOf(jitterNanos + SLACK_MILLIS * 1_000_000L, rate);
    }

    /** @return samples that timestamps placed ahead of wall-clock time and that were therefore not written */
    public long clampedSamples() {
        return clampedSamples;
    }

    public int rate() {
        return rate;
    }

    /** @return the position of the next sample to be written */
    public long written() {
        return written;
    }

    /**
     * The output position of timestamp {@code ts} of {@code ssrc} at RTP clock {@code clockRate}, for an
     * event (not audio in sequence order) that started around {@code arrivalNanos}; anchors if needed.
     */
    public long position(long ssrc, long ts, int clockRate, long arrivalNanos) {
        return position(ssrc, ts, clockRate, arrivalNanos, false, false);
    }

    /**
     * The output position of a packet. With {@code inOrder} (packets played in sequence order) the
     * discontinuity checks of the class comment apply and the packet becomes the reference for the next.
     *
     * @param marker the RTP marker bit (start of a talkspurt)
     */
    public long position(long ssrc, long ts, int clockRate, long arrivalNanos, boolean inOrder, boolean marker) {
        if (!anchored) {
            firstArrival = arrivalNanos;
            anchor(ssrc, ts, clockRate, arrivalNanos, 0);
            return 0;
        }
        long pos = unclamped(ssrc, ts, clockRate, arrivalNanos, inOrder, marker);
        long ceiling = Math.max(written, samples(arrivalNanos - firstArrival) + aheadSamples);
        if (pos <= ceiling) {
            return pos;
        }
        clampedSamples += pos - ceiling;
        if (clampEvents++ == 0 || clampEvents % 1000 == 0) {
            LOG.warn("Stream {}: RTP timestamps run ahead of wall-clock time; {} samples not written so far ({} times)",
                    out.streamKey(), clampedSamples, clampEvents);
        }
        if (inOrder) {
            anchor(ssrc, ts, clockRate, arrivalNanos, ceiling);
        }
        return ceiling;
    }

    private long unclamped(long ssrc, long ts, int clockRate, long arrivalNanos, boolean inOrder, boolean marker) {
        long elapsed = samples(arrivalNanos - lastArrival);
        if (reanchor || ssrc != anchorSsrc || clockRate != anchorClock) {
            long pos = Math.max(written, lastPos + elapsed);
            anchor(ssrc, ts, clockRate, arrivalNanos, pos);
            return pos;
        }
        long pos = anchorPos + (long) (int) (ts - anchorTs) * rate / clockRate;
        if (!inOrder) {
            return pos;
        }
        long step = pos - lastPos;
        long limit = (long) REBASE_SECONDS * rate;
        if (step - elapsed > limit || (marker && elapsed - step > limit)) {
            pos = Math.max(written, lastPos + elapsed);
            anchor(ssrc, ts, clockRate, arrivalNanos, pos);
        } else if (pos < written - rate / 50) {
            pos = written;
            anchor(ssrc, ts, clockRate, arrivalNanos, pos);
        } else {
            if (Math.abs((int) (ts - anchorTs)) > (1 << 30)) {
                // move the anchor along before the 32-bit timestamp difference can wrap (12 h at 48 kHz)
                anchorTs = ts;
                anchorPos = pos;
            }
            lastPos = pos;
            lastArrival = arrivalNanos;
        }
        return pos;
    }

    /** @return the position wall-clock time {@code nowNanos} corresponds to, or {@link #written()} before the first packet */
    public long positionAt(long nowNanos) {
        return anchored ? Math.max(written, lastPos + samples(nowNanos - lastArrival)) : written;
    }

    /** Writes {@code count} samples at {@code position}: silence before them if there is a gap, trimmed if they overlap. */
    public void write(long position, short[] pcm, int offset, int count) {
        long pos = position;
        int off = offset;
        int n = count;
        if (pos < written) {
            long overlap = written - pos;
            if (overlap >= n) {
                return;
            }
            off += (int) overlap;
            n -= (int) overlap;
            pos = written;
        }
        fillTo(pos);
        if (n > 0) {
            out.audio(written, pcm, off, n);
            written += n;
        }
    }

    /** Writes silence up to {@code position}, at most {@link #MAX_GAP_SECONDS}; a longer gap is shortened. */
    public void fillTo(long position) {
        long gap = position - written;
        if (gap <= 0) {
            return;
        }
        long max = MAX_GAP_SECONDS * rate;
        if (gap > max) {
            anchorPos -= gap - max;
            gap = max;
        }
        while (gap > 0) {
            int n = (int) Math.min(gap, SILENCE.length);
            out.audio(written, SILENCE, 0, n);
            written += n;
            gap -= n;
        }
    }

    /** An RTCP sender report (RFC 3550 §6.4.1) ties {@code rtpTs} of {@code ssrc} to {@code wallClock}. */
    public void senderReport(long ssrc, long rtpTs, java.time.Instant wallClock) {
        if (anchored && ssrc == anchorSsrc) {
            long pos = anchorPos + (long) (int) (rtpTs - anchorTs) * rate / anchorClock;
            out.timing(Math.max(0, pos), wallClock, true);
            pendingReport = false;
        } else {
            pendingReport = true;
            reportSsrc = ssrc;
            reportTs = rtpTs;
            reportWall = wallClock;
        }
    }

    /** The next packet re-anchors at its arrival time (after a hold: timestamps may or may not have run on). */
    public void reanchor() {
        reanchor = true;
    }

    private void anchor(long ssrc, long ts, int clockRate, long arrivalNanos, long pos) {
        anchored = true;
        reanchor = false;
        anchorSsrc = ssrc;
        anchorTs = ts;
        anchorClock = clockRate;
        anchorPos = pos;
        lastPos = pos;
        lastArrival = arrivalNanos;
        out.timing(pos, clock.wallClock(arrivalNanos), false);
        if (pendingReport && reportSsrc == ssrc) {
            senderReport(reportSsrc, reportTs, reportWall);
        }
    }

    private long samples(long nanos) {
        return samplesOf(nanos, rate);
    }

    private static long samplesOf(long nanos, int rate) {
        return nanos / 1000 * rate / 1_000_000;
    }
}
