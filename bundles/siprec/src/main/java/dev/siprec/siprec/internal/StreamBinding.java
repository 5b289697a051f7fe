package dev.siprec.siprec.internal;

import dev.siprec.kex.api.MediaKeys;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.sdp.api.NegotiatedMedia;

/**
 * One recorded stream of a recording session: its m-line, key, receiver and what was last
 * negotiated for it (RFC 3264 §8: an m-line keeps its index across re-offers). Guarded by the
 * owning call's lock.
 */
final class StreamBinding {
    final int index;
    final String key;
    final MediaReceiver receiver;
    NegotiatedMedia negotiated;
    /** The keys the stream's key exchange committed for the last answer, or {@code null} (plain RTP, or none handed over). */
    MediaKeys keys;
    String streamId;
    KeyState keyState;
    boolean started;
    /** The PCM rate the receiver writes, fixed for the stream's life (MediaService#outputSampleRate). */
    int sampleRate;
    /** When the stream last started or resumed receiving, for the media timeout. */
    java.time.Instant receivingSince;
    boolean closed;

    StreamBinding(int index, String key, MediaReceiver receiver, NegotiatedMedia negotiated) {
        this.index = index;
        this.key = key;
        this.receiver = receiver;
        this.negotiated = negotiated;
    }

    String label() {
        return negotiated.label();
    }

    boolean receiving() {
        return !closed && negotiated.receiving();
    }

    /** @return the statistics, or {@code null} when the receiver fails to report. */
    StreamStatistics statistics() {
        try {
            return receiver.statistics();
        } catch (RuntimeException e) {
            return null;
        }
    }

    long packets() {
        StreamStatistics s = statistics();
        return s == null ? 0 : s.received();
    }

    MediaStream toMediaStream() {
        StreamStatistics s = statistics();
        String codec = s != null && s.codec() != null ? s.codec()
                : negotiated.primaryCodec().map(c -> c.encoding()).orElse(null);
        int rate = sampleRate > 0 ? sampleRate : nominalRate(codec);
        return new MediaStream(key, label(), streamId, index, codec, rate, suite());
    }

    /** @return the SRTP suite negotiated for the stream, or {@code null} for plain RTP */
    String suite() {
        if (negotiated.srtp() != null) {
            return negotiated.srtp().suite();
        }
        if (keys != null) {
            try {
                return keys.info().suite();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The decoder's PCM rate by codec name when the receiver does not say (G.722 decodes to 16 kHz). */
    static int nominalRate(String codec) {
        if (codec == null) {
            return 8000;
        }
        return switch (codec.toUpperCase(java.util.Locale.ROOT)) {
            case "G722" -> 16000;
            case "OPUS" -> 48000;
            case "L16" -> 44100;
            default -> 8000;
        };
    }
}
