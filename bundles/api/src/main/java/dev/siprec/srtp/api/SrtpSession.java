package dev.siprec.srtp.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The crypto contexts of one direction of one media stream under one {@link SrtpPolicy}, one per SSRC
 * (RFC 3711 §3.2.3). Contexts for a new SSRC are kept only once a packet from it authenticates, up to
 * the policy's cap. Per-packet outcomes are returned as {@link SrtpStatus} and counted, never thrown.
 *
 * <p>Threads: the unprotect methods are called by one thread at a time, the protect methods by one
 * thread at a time; the two directions may run concurrently. {@link #stats()} may be called from any
 * thread and gives a best-effort snapshot.
 */
@ProviderType
public interface SrtpSession extends AutoCloseable {

    /** Verifies and decrypts an SRTP packet in place (RFC 3711 §3.3); on {@code OK} the length is the RTP length. */
    SrtpStatus unprotectRtp(SrtpPacket packet);

    /** Verifies and decrypts an SRTCP packet in place (RFC 3711 §3.4); on {@code OK} the length is the RTCP length. */
    SrtpStatus unprotectRtcp(SrtpPacket packet);

    /**
     * Encrypts and authenticates an RTP packet in place; the buffer needs room for tag and MKI
     * ({@link #maxOverhead()}), otherwise {@code MALFORMED}.
     */
    SrtpStatus protectRtp(SrtpPacket packet);

    /** Protects an RTCP compound packet in place (E-flag, SRTCP index, MKI, tag appended). */
    SrtpStatus protectRtcp(SrtpPacket packet);

    /** @return the most bytes protect adds to a packet */
    int maxOverhead();

    /** @return the suite name of this session */
    String suite();

    /** @return counters of this session and of each of its streams */
    Stats stats();

    /** Wipes every key and context; later calls return {@link SrtpStatus#KEY_EXPIRED}. Idempotent. */
    @Override
    void close();

    /**
     * Counters of one SSRC context.
     *
     * @param ssrc the SSRC, unsigned
     * @param rtpOk SRTP packets protected or unprotected
     * @param rtcpOk SRTCP packets protected or unprotected
     * @param authFailures packets whose tag did not verify
     * @param replayOld packets left of the replay window
     * @param replayDuplicates packets already received
     * @param keyExpired packets refused because their master key reached its lifetime
     * @param unknownMki packets naming no known master key
     * @param roc current rollover counter (RFC 3711 §3.3.1)
     * @param rocProbed the rollover counter found by probing when the stream started mid-flight, or 0
     * @param outbound {@code true} for an SSRC this session protects, {@code false} for one it unprotects
     */
    record StreamStats(long ssrc, long rtpOk, long rtcpOk, long authFailures, long replayOld,
            long replayDuplicates, long keyExpired, long unknownMki, long roc, long rocProbed, boolean outbound) {
    }

    /**
     * Counters of a session.
     *
     * @param suite suite name
     * @param malformed packets that were not SRTP/SRTCP at all
     * @param unknownSsrcAuthFailures packets from an SSRC without context that did not authenticate
     * @param ssrcLimit authenticated packets from a new SSRC refused because the cap was reached
     * @param rocProbeRecoveries streams that started with a rollover counter above 0, found by probing
     * @param streams one entry per SSRC context, both directions
     */
    record Stats(String suite, long malformed, long unknownSsrcAuthFailures, long ssrcLimit,
            long rocProbeRecoveries, List<StreamStats> streams) {
        public Stats {
            streams = List.copyOf(streams);
        }
    }
}
