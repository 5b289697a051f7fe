package dev.siprec.media.internal.rtp;

/**
 * Telephone events (RFC 4733 §2.3): packets of one event share its start timestamp; the duration grows
 * until the end bit, and the final packet is usually sent three times. Each DTMF event (codes 0..15:
 * {@code 0-9 * # A-D}) is reported once, at its end or when a new event or the stream's end shows it
 * will get no end packet. Other event codes (flash, tones) are tracked but not reported.
 */
public final class DtmfDetector {
    /** Receives finished events. */
    public interface Listener {
        /** @param startTs the event's RTP timestamp, @param duration in RTP clock ticks */
        void event(char digit, long ssrc, long startTs, int duration, int clockRate);
    }

    private static final char[] DIGITS = "0123456789*#ABCD".toCharArray();

    private final Listener listener;
    private boolean active;
    private long activeSsrc;
    private long activeTs;
    private int activeEvent;
    private int activeDuration;
    private int activeClock;
    private boolean ended;
    private long endedSsrc;
    private long endedTs;

    public DtmfDetector(Listener listener) {
        this.listener = listener;
    }

    /** @return {@code false} when the payload is not a telephone event (too short) */
    public boolean packet(long ssrc, long ts, int clockRate, byte[] b, int offset, int length) {
        if (length < 4) {
            return false;
        }
        if (ended && ts == endedTs && ssrc == endedSsrc) {
            return true; // retransmitted end packet (RFC 4733 §2.5.1.4)
        }
        int event = b[offset] & 0xFF;
        boolean end = (b[offset + 1] & 0x80) != 0;
        int duration = ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
        if (active && (ts != activeTs || ssrc != activeSsrc)) {
            finish();
        }
        if (!active) {
            active = true;
            activeSsrc = ssrc;
            activeTs = ts;
            activeEvent = event;
            activeDuration = 0;
            activeClock = clockRate;
        }
        activeDuration = Math.max(activeDuration, duration);
        if (end) {
            finish();
            ended = true;
            endedSsrc = ssrc;
            endedTs = ts;
        }
        return true;
    }

    /** Reports the event in progress, if any (stream end, SSRC change, hold). */
    public void finish() {
        if (!active) {
            return;
        }
        active = false;
        if (activeEvent < DIGITS.length) {
            listener.event(DIGITS[activeEvent], activeSsrc, activeTs, activeDuration, activeClock);
        }
    }
}
