package dev.siprec.srtp.core.internal;

import dev.siprec.srtp.api.SrtpSession.StreamStats;

/**
 * The per-SSRC part of an RFC 3711 §3.2 crypto context: rollover counter and highest sequence
 * number (§3.3.1), the SRTP and SRTCP replay lists (§3.3.2), the sender's SRTCP index, counters.
 * Session keys live in the transform shared by every SSRC under the same master key.
 */
final class StreamContext {
    final long ssrc;
    final ReplayWindow rtpReplay;
    private final int window;
    /** Made on the first authenticated SRTCP packet: many streams never carry SRTCP under their keys. */
    private ReplayWindow rtcpReplay;
    private long roc;
    private int highestSeq = -1;
    long srtcpSendIndex;
    long rocProbed;
    /** Stamp ({@link CoarseClock#now()}, nanoseconds) of the last authenticated packet (receiver), for idle eviction. */
    long lastSeen;

    long rtpOk;
    long rtcpOk;
    long authFailures;
    long replayOld;
    long replayDuplicates;
    long keyExpired;
    long unknownMki;

    StreamContext(long ssrc, int window) {
        this.ssrc = ssrc;
        this.rtpReplay = new ReplayWindow(window);
        this.window = window;
    }

    /** @return {@link ReplayWindow#OK}, {@link ReplayWindow#OLD} or {@link ReplayWindow#DUPLICATE} for an SRTCP index */
    int checkRtcp(long index) {
        return rtcpReplay == null ? ReplayWindow.OK : rtcpReplay.check(index);
    }

    /** Marks an authenticated SRTCP index received. */
    void acceptRtcp(long index) {
        if (rtcpReplay == null) {
            rtcpReplay = new ReplayWindow(window);
        }
        rtcpReplay.accept(index);
    }

    /** @return the SRTCP replay list, null before the first authenticated SRTCP packet */
    ReplayWindow rtcpReplay() {
        return rtcpReplay;
    }

    /**
     * The packet index for sequence number {@code seq} (RFC 3711 §3.3.1 and Appendix A): ROC - 1,
     * ROC or ROC + 1, whichever puts {@code seq} nearest the highest sequence number seen.
     */
    long estimate(int seq) {
        if (highestSeq < 0) {
            return (roc << 16) | seq;
        }
        long v = roc;
        if (highestSeq < 32768) {
            if (seq - highestSeq > 32768 && roc > 0) {
                v = roc - 1;
            }
        } else if (highestSeq - 32768 > seq) {
            v = roc + 1;
        }
        return (v << 16) | seq;
    }

    /** Records an authenticated (or sent) index: moves ROC and the highest sequence number forward. */
    void update(long index) {
        long v = index >>> 16;
        int seq = (int) (index & 0xffff);
        if (highestSeq < 0 || v > roc) {
            roc = v;
            highestSeq = seq;
        } else if (v == roc && seq > highestSeq) {
            highestSeq = seq;
        }
    }

    long roc() {
        return roc;
    }

    void replayFailure(int outcome) {
        if (outcome == ReplayWindow.OLD) {
            replayOld++;
        } else {
            replayDuplicates++;
        }
    }

    StreamStats stats(boolean outbound) {
        return new StreamStats(ssrc, rtpOk, rtcpOk, authFailures, replayOld, replayDuplicates, keyExpired,
                unknownMki, roc, rocProbed, outbound);
    }
}
