package dev.siprec.recording.api;

import java.util.List;

/**
 * Reception counters and security facts of one recorded stream, handed to sinks so that their
 * summaries (e.g. {@code session.json}) tell what was received. Lost packets follow RFC 3550 §6.4.1
 * (gaps in sequence numbers); {@code authFailed} and {@code replayed} are SRTP outcomes (RFC 3711
 * §3.3).
 *
 * @param streamKey {@link MediaStream#key()}
 * @param ssrcs every SSRC seen (unsigned 32-bit values), in order of appearance
 * @param srtpSuite the SRTP crypto suite in use (RFC 4568 §6.2 name), or {@code null} for plain RTP
 * @param keySource where the SRTP keys came from, e.g. {@code sdes} (RFC 4568) or {@code dtls} (RFC 5764), or {@code null} for plain RTP
 * @param received RTP packets accepted
 * @param lost packets never received
 * @param late packets that arrived after their playout time and were dropped
 * @param authFailed SRTP packets that did not authenticate
 * @param replayed SRTP packets refused by replay protection
 * @param refusedSource RTP/RTCP packets refused because of their source address (not one the stream may latch to,
 *                      or not the latched peer) (since 0.2.0)
 */
public record StreamSummary(String streamKey, List<Long> ssrcs, String srtpSuite, String keySource, long received,
                            long lost, long late, long authFailed, long replayed, long refusedSource) {
    public StreamSummary {
        ssrcs = List.copyOf(ssrcs);
    }

    /** A summary without the count of packets refused for their source. */
    public StreamSummary(String streamKey, List<Long> ssrcs, String srtpSuite, String keySource, long received,
                         long lost, long late, long authFailed, long replayed) {
        this(streamKey, ssrcs, srtpSuite, keySource, received, lost, late, authFailed, replayed, 0);
    }
}
