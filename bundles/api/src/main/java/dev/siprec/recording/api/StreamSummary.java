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
 * @param keyExchange the key exchange that keyed the stream, {@code SDES} or {@code DTLS}, or {@code null} for
 *                    plain RTP (since 0.3.0)
 * @param profile the DTLS-SRTP protection profile (RFC 5764 §4.1.2), or {@code null} (since 0.3.0)
 * @param role the server's keying role: {@code answerer} (SDES), {@code server} or {@code client} (DTLS,
 *             {@code a=setup}), or {@code null} (since 0.3.0)
 * @param peerFingerprint the peer certificate fingerprint from the SDP (RFC 8122), or {@code null} (since 0.3.0)
 */
public record StreamSummary(String streamKey, List<Long> ssrcs, String srtpSuite, String keySource, long received,
                            long lost, long late, long authFailed, long replayed, long refusedSource,
                            String keyExchange, String profile, String role, String peerFingerprint) {
    public StreamSummary {
        ssrcs = List.copyOf(ssrcs);
    }

    /** A summary without the key exchange facts. */
    public StreamSummary(String streamKey, List<Long> ssrcs, String srtpSuite, String keySource, long received,
                         long lost, long late, long authFailed, long replayed, long refusedSource) {
        this(streamKey, ssrcs, srtpSuite, keySource, received, lost, late, authFailed, replayed, refusedSource,
                null, null, null, null);
    }

    /** A summary without the count of packets refused for their source. */
    public StreamSummary(String streamKey, List<Long> ssrcs, String srtpSuite, String keySource, long received,
                         long lost, long late, long authFailed, long replayed) {
        this(streamKey, ssrcs, srtpSuite, keySource, received, lost, late, authFailed, replayed, 0);
    }
}
