package dev.siprec.media.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

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
}
