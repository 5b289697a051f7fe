package dev.siprec.media.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dev.siprec.sdp.api.Codec;

/**
 * Allocates receivers for the streams of recording sessions, from the configured RTP port range
 * (configuration PID {@value #PID}: {@code rtp.port.min}, {@code rtp.port.max},
 * {@code bind.address}, {@code advertised.address}). RTP ports are even, RTCP is on RTP + 1 unless
 * the stream uses {@code a=rtcp-mux} (RFC 3550 §11, RFC 5761). Reception runs on a small fixed set of
 * I/O threads, never a thread per stream.
 */
@ProviderType
public interface MediaService {

    /** Configuration PID of the media layer. */
    String PID = "dev.siprec.media";

    /**
     * Binds the ports of one stream. Nothing is received until {@link MediaReceiver#start}.
     *
     * @param sessionId the recording session's id (for logs and {@link #receivers()})
     * @param streamKey the stream's key within the session
     * @param rtcpMux {@code true} when RTCP shares the RTP port
     * @throws MediaException when no port pair is free or the socket cannot be bound
     */
    MediaReceiver allocate(String sessionId, String streamKey, boolean rtcpMux) throws MediaException;

    /** @return every open receiver's statistics, for operators. */
    List<StreamStatistics> receivers();

    /** @return the number of free RTP ports left in the range (for capacity checks). */
    int freePorts();

    /**
     * The PCM rate a receiver writes for a stream negotiated with {@code codecs}: the decoder output rate
     * of the first audio codec (8000 for PCMU/PCMA, 16000 for G722 although its RTP clock is 8000 per
     * RFC 3551 §4.5.2, 48000 for opus, the clock rate for L16). Audio of a later codec with another rate is
     * resampled to it, so one stream keeps one rate for its whole life. Use it for
     * {@code MediaStream.sampleRate}.
     *
     * @throws IllegalArgumentException if {@code codecs} holds no audio codec
     */
    int outputSampleRate(List<Codec> codecs);
}
