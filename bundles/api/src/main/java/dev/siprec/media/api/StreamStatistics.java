package dev.siprec.media.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Counters and state of one received stream (RFC 3550 §6.4.1 definitions for lost packets).
 *
 * @param sessionId the recording session
 * @param streamKey the stream
 * @param rtpPort local RTP port
 * @param latched the client's address once latched, {@code host:port}, or {@code null}
 * @param codec the encoding of the last audio packet, or {@code null} before one
 * @param sampleRate the PCM rate written for this stream
 * @param srtpSuite the SRTP suite, or {@code null} for plain RTP
 * @param ssrcs every SSRC seen (unsigned), in order of appearance
 * @param received RTP packets accepted
 * @param lost packets never received (gaps in sequence numbers)
 * @param late packets that arrived after their playout time and were dropped
 * @param duplicates packets received twice (plain RTP)
 * @param authFailed SRTP packets that did not authenticate
 * @param replayed SRTP packets refused by replay protection
 * @param malformed packets that were not RTP/SRTP of this stream
 * @param rtcpPackets RTCP packets accepted
 * @param dtmfEvents telephone events seen
 * @param firstPacket when the first valid packet arrived, or {@code null}
 * @param lastPacket when the last valid packet arrived, or {@code null}
 * @param rawFile the pcap file holding packets that could not be decoded (see {@link StreamSettings#rawDirectory()}), or {@code null}
 * @param refusedSource RTP and RTCP packets refused because they came from a source the stream may not latch to,
 *                      or not from the latched peer (since 0.2.0)
 * @param droppedBeforeKeys SRTP and SRTCP packets dropped undecoded because the stream's key exchange had not
 *                          delivered its keys (DTLS-SRTP before the handshake completes), or could not (since 0.3.0)
 * @param keyExchangeDatagrams datagrams handed to the key exchange on the media port (DTLS, RFC 7983) (since 0.3.0)
 */
public record StreamStatistics(String sessionId, String streamKey, int rtpPort, String latched, String codec, int sampleRate,
                               String srtpSuite, List<Long> ssrcs, long received, long lost, long late, long duplicates,
                               long authFailed, long replayed, long malformed, long rtcpPackets, long dtmfEvents,
                               Instant firstPacket, Instant lastPacket, Path rawFile, long refusedSource,
                               long droppedBeforeKeys, long keyExchangeDatagrams) {
    public StreamStatistics {
        ssrcs = List.copyOf(ssrcs);
    }

    /** Statistics without the key exchange counters. */
    public StreamStatistics(String sessionId, String streamKey, int rtpPort, String latched, String codec, int sampleRate,
                            String srtpSuite, List<Long> ssrcs, long received, long lost, long late, long duplicates,
                            long authFailed, long replayed, long malformed, long rtcpPackets, long dtmfEvents,
                            Instant firstPacket, Instant lastPacket, Path rawFile, long refusedSource) {
        this(sessionId, streamKey, rtpPort, latched, codec, sampleRate, srtpSuite, ssrcs, received, lost, late, duplicates,
                authFailed, replayed, malformed, rtcpPackets, dtmfEvents, firstPacket, lastPacket, rawFile, refusedSource,
                0, 0);
    }

    /** Statistics without the count of packets refused for their source. */
    public StreamStatistics(String sessionId, String streamKey, int rtpPort, String latched, String codec, int sampleRate,
                            String srtpSuite, List<Long> ssrcs, long received, long lost, long late, long duplicates,
                            long authFailed, long replayed, long malformed, long rtcpPackets, long dtmfEvents,
                            Instant firstPacket, Instant lastPacket, Path rawFile) {
        this(sessionId, streamKey, rtpPort, latched, codec, sampleRate, srtpSuite, ssrcs, received, lost, late, duplicates,
                authFailed, replayed, malformed, rtcpPackets, dtmfEvents, firstPacket, lastPacket, rawFile, 0);
    }

    /** Statistics of a stream without a raw packet file. */
    public StreamStatistics(String sessionId, String streamKey, int rtpPort, String latched, String codec, int sampleRate,
                            String srtpSuite, List<Long> ssrcs, long received, long lost, long late, long duplicates,
                            long authFailed, long replayed, long malformed, long rtcpPackets, long dtmfEvents,
                            Instant firstPacket, Instant lastPacket) {
        this(sessionId, streamKey, rtpPort, latched, codec, sampleRate, srtpSuite, ssrcs, received, lost, late, duplicates,
                authFailed, replayed, malformed, rtcpPackets, dtmfEvents, firstPacket, lastPacket, null);
    }
}
