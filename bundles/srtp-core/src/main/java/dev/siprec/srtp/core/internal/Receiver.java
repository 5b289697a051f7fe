package dev.siprec.srtp.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.spi.Bytes;

/**
 * The receiving half of a session: RFC 3711 §3.3 (SRTP) and §3.4 (SRTCP) processing. Order per
 * packet: framing, MKI, index estimate, replay check, key lifetime, tag check (constant time, before
 * decryption, in the transform), then the context is updated. A context for a new SSRC is created
 * only after one of its packets authenticated; when the table is full, the context idle the longest
 * (no authenticated packet for {@code idleNanos}) is parked to make room, and a parked SSRC that
 * comes back resumes its replay list and rollover counter. Packets are stamped from a
 * {@link CoarseClock} (no clock read per packet); eviction compares the stamps with the precise
 * clock and allows for the stamps' lag, so an SSRC is never evicted before it has been silent
 * {@code idleNanos}.
 */
final class Receiver extends Side {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

    private final RocProbe probe;
    private final String suite;
    private final CoarseClock clock;
    private final long idleNanos;
    private byte[] scratch = EMPTY;
    private static final byte[] EMPTY = new byte[0];
    long evicted;

    /**
     * @param clock packet stamps (coarse) and the precise clock for probing and eviction
     * @param idleNanos how long an SSRC must have been silent before its slot may go to a new SSRC; 0 never
     */
    Receiver(KeySlot[] slots, int maxStreams, int rtpTagLength, int rtcpTagLength, int mkiLength, boolean aead,
            int window, SuiteRegistry.Counters counters, RocProbe probe, String suite, CoarseClock clock, long idleNanos) {
        super(slots, maxStreams, rtpTagLength, rtcpTagLength, mkiLength, aead, window, counters);
        this.probe = probe;
        this.suite = suite;
        this.clock = clock;
        this.idleNanos = idleNanos;
    }

    /**
     * Gives an authenticated context of {@code ssrc} a slot in the table unless it has one: a free slot,
     * or the slot of the context idle the longest (silent for {@code idleNanos} by the precise clock,
     * however late the coarse stamps are). @return false when the table stays full
     */
    private boolean admit(StreamContext ctx, boolean inTable) {
        if (inTable) {
            return true;
        }
        if (streams.full()) {
            if (idleNanos <= 0 || !streams.evictIdle(clock.precise(), idleNanos + clock.lag())) {
                ssrcLimit++;
                return false;
            }
            evicted++;
            LOG.debug("SRTP ({}): an idle SSRC context made room for SSRC {}", suite, ctx.ssrc);
        }
        streams.put(ctx);
        return true;
    }

    SrtpStatus unprotectRtp(SrtpPacket pkt) {
        byte[] p = pkt.buffer();
        int len = pkt.length();
        int hdr = RtpHeader.length(p, len);
        if (hdr < 0 || len - hdr < rtpTagLength + mkiLength) {
            return malformed();
        }
        long ssrc = RtpHeader.rtpSsrc(p);
        int seq = RtpHeader.sequence(p);
        StreamContext ctx = streams.get(ssrc);
        boolean inTable = ctx != null;
        if (!inTable) {
            ctx = streams.parked(ssrc);
        }
        int s = slotByMki(p, mkiOffset(len, rtpTagLength));
        if (s < 0) {
            return unknownMki(ctx);
        }
        KeySlot slot = slots[s];
        if (slot.srtpExpired()) {
            return keyExpired(ctx);
        }
        len = stripMki(p, len, rtpTagLength);
        if (ctx == null || ctx.rtpReplay.highest() < 0) {
            return firstRtp(pkt, len, hdr, ssrc, seq, slot, ctx, inTable);
        }
        long index = ctx.estimate(seq);
        int replay = ctx.rtpReplay.check(index);
        if (replay != ReplayWindow.OK) {
            return replayFailure(ctx, replay);
        }
        int n = slot.transform.unprotectRtp(p, hdr, len, ssrc, index);
        if (n < 0) {
            ctx.authFailures++;
            suiteCounters.authFailures.increment();
            return SrtpStatus.AUTH_FAIL;
        }
        if (!admit(ctx, inTable)) {
            return SrtpStatus.SSRC_LIMIT;
        }
        ctx.lastSeen = clock.now();
        ctx.rtpReplay.accept(index);
        ctx.update(index);
        slot.srtpCount++;
        ctx.rtpOk++;
        pkt.length(n);
        return SrtpStatus.OK;
    }

    /** The first RTP packet of an SSRC: ROC 0, then a bounded ROC probe (see {@link RocProbe}). */
    private SrtpStatus firstRtp(SrtpPacket pkt, int len, int hdr, long ssrc, int seq, KeySlot slot, StreamContext known,
            boolean inTable) {
        byte[] p = pkt.buffer();
        if (aead && probe.range() > 0) {
            // a failed AEAD decryption may leave the buffer changed: keep the cipher text for retries
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, 256)];
            }
            System.arraycopy(p, 0, scratch, 0, len);
        }
        long index = seq;
        int n = slot.transform.unprotectRtp(p, hdr, len, ssrc, index);
        if (n < 0 && probe.failedAtZero(ssrc, clock.precise())) {
            for (long roc = 1; roc <= probe.range() && n < 0; roc++) {
                if (aead) {
                    System.arraycopy(scratch, 0, p, 0, len);
                }
                index = roc << 16 | seq;
                n = slot.transform.unprotectRtp(p, hdr, len, ssrc, index);
            }
        }
        if (n < 0) {
            if (known != null) {
                known.authFailures++;
            } else {
                unknownSsrcAuthFailures++;
            }
            suiteCounters.authFailures.increment();
            return SrtpStatus.AUTH_FAIL;
        }
        StreamContext ctx = known != null ? known : new StreamContext(ssrc, window);
        if (!admit(ctx, inTable)) {
            return SrtpStatus.SSRC_LIMIT;
        }
        ctx.lastSeen = clock.now();
        probe.forget(ssrc);
        if (index >>> 16 != 0) {
            ctx.rocProbed = index >>> 16;
            rocRecoveries++;
            LOG.info("SRTP stream SSRC {} ({}) started mid-flight: found rollover counter {} by probing",
                    ssrc, suite, ctx.rocProbed);
        }
        ctx.rtpReplay.accept(index);
        ctx.update(index);
        slot.srtpCount++;
        ctx.rtpOk++;
        pkt.length(n);
        return SrtpStatus.OK;
    }

    SrtpStatus unprotectRtcp(SrtpPacket pkt) {
        byte[] p = pkt.buffer();
        int len = pkt.length();
        if (!RtpHeader.isRtcp(p, len) || len < 8 + 4 + rtcpTagLength + mkiLength) {
            return malformed();
        }
        long ssrc = RtpHeader.rtcpSsrc(p);
        StreamContext ctx = streams.get(ssrc);
        boolean inTable = ctx != null;
        if (!inTable) {
            ctx = streams.parked(ssrc);
        }
        int s = slotByMki(p, mkiOffset(len, rtcpTagLength));
        if (s < 0) {
            return unknownMki(ctx);
        }
        KeySlot slot = slots[s];
        if (slot.srtcpExpired()) {
            return keyExpired(ctx);
        }
        len = stripMki(p, len, rtcpTagLength);
        long index = Bytes.u32(p, aead ? len - 4 : len - rtcpTagLength - 4) & 0x7fffffffL;
        if (ctx != null) {
            int replay = ctx.checkRtcp(index);
            if (replay != ReplayWindow.OK) {
                return replayFailure(ctx, replay);
            }
        }
        int n = slot.transform.unprotectRtcp(p, len, ssrc);
        if (n < 0) {
            if (ctx != null) {
                ctx.authFailures++;
            } else {
                unknownSsrcAuthFailures++;
            }
            suiteCounters.authFailures.increment();
            return SrtpStatus.AUTH_FAIL;
        }
        if (ctx == null) {
            ctx = new StreamContext(ssrc, window);
        }
        if (!admit(ctx, inTable)) {
            return SrtpStatus.SSRC_LIMIT;
        }
        ctx.lastSeen = clock.now();
        ctx.acceptRtcp(index);
        slot.srtcpCount++;
        ctx.rtcpOk++;
        pkt.length(n);
        return SrtpStatus.OK;
    }

    private SrtpStatus unknownMki(StreamContext ctx) {
        if (ctx != null) {
            ctx.unknownMki++;
        } else {
            unknownMki++;
        }
        return SrtpStatus.UNKNOWN_MKI;
    }

    private SrtpStatus keyExpired(StreamContext ctx) {
        if (ctx != null) {
            ctx.keyExpired++;
        }
        return SrtpStatus.KEY_EXPIRED;
    }

    private SrtpStatus replayFailure(StreamContext ctx, int replay) {
        ctx.replayFailure(replay);
        suiteCounters.replayFailures.increment();
        return replay == ReplayWindow.OLD ? SrtpStatus.REPLAY_OLD : SrtpStatus.REPLAY_DUP;
    }
}
