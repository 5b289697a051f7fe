package dev.siprec.sdp.api;

import java.util.Objects;

/**
 * One payload format of a negotiated RTP stream: its payload type and what {@code a=rtpmap} and
 * {@code a=fmtp} (RFC 8866 §6.6, §6.15) or the static table of RFC 3551 §6 say about it.
 *
 * @param payloadType RTP payload type, 0..127
 * @param encoding encoding name as offered, e.g. {@code PCMU}, {@code G722}, {@code opus}, {@code telephone-event}, {@code CN}
 * @param clockRate RTP clock rate in Hz (8000 for G.722, RFC 3551 §4.5.2; 48000 for Opus, RFC 7587 §7)
 * @param channels encoding channels, 1 when not given
 * @param fmtp the {@code a=fmtp} parameters for this payload type, or {@code null}
 */
public record Codec(int payloadType, String encoding, int clockRate, int channels, String fmtp) {
    /** RFC 4733 named telephone events (DTMF). */
    public static final String TELEPHONE_EVENT = "telephone-event";
    /** RFC 3389 comfort noise. */
    public static final String COMFORT_NOISE = "CN";

    public Codec {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        Objects.requireNonNull(encoding, "encoding");
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** @return {@code true} for {@code telephone-event}. */
    public boolean isTelephoneEvent() {
        return TELEPHONE_EVENT.equalsIgnoreCase(encoding);
    }

    /** @return {@code true} for {@code CN}. */
    public boolean isComfortNoise() {
        return COMFORT_NOISE.equalsIgnoreCase(encoding);
    }

    /** @return {@code true} for a codec carrying audio (neither telephone events nor comfort noise). */
    public boolean isAudio() {
        return !isTelephoneEvent() && !isComfortNoise();
    }

    /** @return the {@code a=rtpmap} value, e.g. {@code 0 PCMU/8000} or {@code 111 opus/48000/2}. */
    public String rtpmap() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }
}
