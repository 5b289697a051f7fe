package dev.siprec.srtp.core.internal;

import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpStatus;

/**
 * The sending half of a session (RFC 3711 §3.3, §3.4). The index comes from the same ROC estimate as
 * on receipt; an index already sent is refused, since it would reuse keystream. Master keys are used
 * in order, moving to the next when one reaches its lifetime (RFC 4568 §6.1).
 */
final class Sender extends Side {
    private static final long MAX_SRTCP_INDEX = 0x7fffffffL;

    private final boolean encryptRtcp;
    private int rtpKey;
    private int rtcpKey;

    Sender(KeySlot[] slots, int maxStreams, int rtpTagLength, int rtcpTagLength, int mkiLength, boolean aead,
            int window, SuiteRegistry.Counters counters, boolean encryptRtcp) {
        super(slots, maxStreams, rtpTagLength, rtcpTagLength, mkiLength, aead, window, counters);
        this.encryptRtcp = encryptRtcp;
    }

    SrtpStatus protectRtp(SrtpPacket pkt) {
        byte[] p = pkt.buffer();
        int len = pkt.length();
        int hdr = RtpHeader.length(p, len);
        if (hdr < 0 || len + rtpTagLength + mkiLength > pkt.capacity()) {
            return malformed();
        }
        long ssrc = RtpHeader.rtpSsrc(p);
        StreamContext ctx = context(ssrc);
        if (ctx == null) {
            return SrtpStatus.SSRC_LIMIT;
        }
        long index = ctx.estimate(RtpHeader.sequence(p));
        int replay = ctx.rtpReplay.check(index);
        if (replay != ReplayWindow.OK) {
            ctx.replayFailure(replay);
            return replay == ReplayWindow.OLD ? SrtpStatus.REPLAY_OLD : SrtpStatus.REPLAY_DUP;
        }
        while (rtpKey < slots.length && slots[rtpKey].srtpExpired()) {
            rtpKey++;
        }
        if (rtpKey == slots.length) {
            ctx.keyExpired++;
            return SrtpStatus.KEY_EXPIRED;
        }
        KeySlot slot = slots[rtpKey];
        int n = slot.transform.protectRtp(p, hdr, len, ssrc, index);
        n = insertMki(p, n, rtpTagLength, slot);
        ctx.rtpReplay.accept(index);
        ctx.update(index);
        slot.srtpCount++;
        ctx.rtpOk++;
        pkt.length(n);
        return SrtpStatus.OK;
    }

    SrtpStatus protectRtcp(SrtpPacket pkt) {
        byte[] p = pkt.buffer();
        int len = pkt.length();
        if (!RtpHeader.isRtcp(p, len) || len + 4 + rtcpTagLength + mkiLength > pkt.capacity()) {
            return malformed();
        }
        long ssrc = RtpHeader.rtcpSsrc(p);
        StreamContext ctx = context(ssrc);
        if (ctx == null) {
            return SrtpStatus.SSRC_LIMIT;
        }
        while (rtcpKey < slots.length && slots[rtcpKey].srtcpExpired()) {
            rtcpKey++;
        }
        if (rtcpKey == slots.length || ctx.srtcpSendIndex > MAX_SRTCP_INDEX) {
            ctx.keyExpired++;
            return SrtpStatus.KEY_EXPIRED;
        }
        KeySlot slot = slots[rtcpKey];
        int n = slot.transform.protectRtcp(p, len, ssrc, (int) ctx.srtcpSendIndex, encryptRtcp);
        n = insertMki(p, n, rtcpTagLength, slot);
        ctx.srtcpSendIndex++;
        slot.srtcpCount++;
        ctx.rtcpOk++;
        pkt.length(n);
        return SrtpStatus.OK;
    }

    /** The context of an SSRC we send, created on its first packet while under the cap. */
    private StreamContext context(long ssrc) {
        StreamContext ctx = streams.get(ssrc);
        if (ctx == null) {
            if (streams.full()) {
                ssrcLimit++;
                return null;
            }
            ctx = new StreamContext(ssrc, window);
            streams.put(ctx);
        }
        return ctx;
    }
}
