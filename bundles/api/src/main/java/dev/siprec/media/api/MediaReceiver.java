package dev.siprec.media.api;

import org.osgi.annotation.versioning.ProviderType;

import dev.siprec.recording.api.RecordingSink;
import dev.siprec.sdp.api.LocalEndpoint;

/**
 * One stream's RTP (and RTCP) sockets and pipeline: symmetric latching on the first valid packet,
 * SRTP/SRTCP unprotect, a jitter buffer reordering by sequence number and filling gaps so the output
 * keeps wall-clock duration, decoding to 16-bit PCM, telephone events (RFC 4733) and comfort noise
 * (RFC 3389). Closing it releases the ports and wipes the keys.
 */
@ProviderType
public interface MediaReceiver extends AutoCloseable {

    /** @return the address and ports to put in the SDP answer. */
    LocalEndpoint local();

    /**
     * Starts reception with {@code settings}, writing decoded audio, DTMF and timing to {@code output}
     * (called on the media I/O threads: it must not block). Audio is written at one rate for the life of
     * the stream, {@link MediaService#outputSampleRate} of the codecs given here, with contiguous sample
     * positions from 0: gaps, holds and telephone events are written as silence.
     *
     * @throws IllegalStateException if already started or closed
     * @throws IllegalArgumentException if the codecs hold no audio format, or SRTP is asked for while no
     *         SRTP engine is available or the engine refuses the policy (e.g. suite not registered)
     */
    void start(StreamSettings settings, RecordingSink.Session output);

    /**
     * Applies a renegotiation (re-INVITE, UPDATE): new codecs, hold/resume, a new remote address, or
     * new SRTP keys — the previous crypto context keeps accepting packets until the first packet
     * under the new keys authenticates, then it is wiped; the same keys again keep the context. Going
     * on hold flushes the jitter buffer; resuming writes silence for the time on hold.
     *
     * @throws IllegalStateException if not started
     * @throws IllegalArgumentException if new SRTP keys cannot be used (see {@link #start})
     */
    void update(StreamSettings settings);

    /** @return counters and state of this stream. */
    StreamStatistics statistics();

    /** Flushes the jitter buffer to the output, closes the sockets, wipes keys. Idempotent. */
    @Override
    void close();
}
