package dev.siprec.media.api;

import java.time.Duration;

/**
 * Reception quality of one stream over one reporting interval, in the terms of an RTCP receiver
 * report (RFC 3550 §6.4.1, §A.3): how many packets were expected and received in the interval, the
 * interarrival jitter estimate at its end, and how many packets arrived too late to be played.
 * Counts cover this interval only, so a consumer may add up reports without double counting.
 *
 * @param sessionId the recording session
 * @param streamKey the stream within the session
 * @param srtpSuite the SRTP suite, or {@code null} for plain RTP
 * @param codec the encoding of the last audio packet, or {@code null} before one
 * @param interval how long the interval lasted
 * @param expected packets expected in the interval: growth of the extended highest sequence number
 *                 received (RFC 3550 §A.3 {@code expected_interval}), summed over the SSRCs of the stream
 * @param received packets received in the interval, duplicates and late ones included ({@code received_interval})
 * @param late packets of the interval that arrived after their playout time and were not recorded
 * @param jitterMillis the interarrival jitter estimate J of RFC 3550 §6.4.1 at the end of the interval,
 *                     converted from RTP timestamp units to milliseconds, or {@link Double#NaN} before two
 *                     audio packets of one SSRC arrived
 * @param last {@code true} for the stream's final report, sent once when the stream closes
 */
public record StreamQuality(String sessionId, String streamKey, String srtpSuite, String codec, Duration interval,
                            long expected, long received, long late, double jitterMillis, boolean last) {

    /** @return packets lost in the interval, {@code expected - received}, never negative (duplicates may exceed losses) */
    public long lost() {
        return Math.max(0, expected - received);
    }

    /**
     * @return the fraction of expected packets lost in the interval, 0..1, as the {@code fraction lost}
     *         field of a receiver report (RFC 3550 §6.4.1) but not truncated to 8 bits; 0 when nothing was expected
     */
    public double lossFraction() {
        return expected <= 0 ? 0 : (double) lost() / expected;
    }

    /** @return whether {@link #jitterMillis()} holds an estimate */
    public boolean hasJitter() {
        return !Double.isNaN(jitterMillis);
    }
}
