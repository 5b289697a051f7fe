package org.example.siprec.suite;

import java.util.Arrays;

import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.Bytes;
import dev.siprec.srtp.spi.HmacSha1;
import dev.siprec.srtp.spi.SrtpKdf;

/**
 * The transform of {@link NullHmacSha1_32}, built from the SPI's primitives: {@link SrtpKdf} for the
 * session authentication keys (labels 1 and 4, RFC 3711 §4.3.2; no encryption key or salt is needed
 * by a NULL cipher), {@link HmacSha1} for the tags (allocation-free, constant-time compare).
 * Allocates nothing per packet; re-derives a key only when {@code index DIV KDR} changes.
 */
final class NullSha1Transform implements SrtpTransform {
    static final int RTP_TAG = 4;
    static final int RTCP_TAG = 10;
    private static final int AUTH_KEY = 20;

    private final SrtpKdf kdf;
    private final int kdrShift;
    private final HmacSha1 rtpMac;
    private final HmacSha1 rtcpMac;
    private final byte[] key = new byte[AUTH_KEY];
    private long rtpR;
    private long rtcpR;
    private boolean closed;

    NullSha1Transform(byte[] masterKey, byte[] masterSalt, long keyDerivationRate) {
        kdrShift = SrtpKdf.kdrShift(keyDerivationRate);
        kdf = new SrtpKdf(masterKey, masterSalt);
        rtpMac = new HmacSha1(derive(SrtpKdf.LABEL_RTP_AUTH, 0));
        rtcpMac = new HmacSha1(derive(SrtpKdf.LABEL_RTCP_AUTH, 0));
        Arrays.fill(key, (byte) 0);
    }

    private byte[] derive(int label, long r) {
        kdf.derive(label, r, key, AUTH_KEY);
        return key;
    }

    /** RFC 3711 §4.3.1: new session keys when {@code r = index DIV KDR} changes (never with KDR 0). */
    private void rtpKeys(long index) {
        if (kdrShift >= 0 && (index >>> kdrShift) != rtpR) {
            rtpR = index >>> kdrShift;
            rtpMac.rekey(derive(SrtpKdf.LABEL_RTP_AUTH, rtpR));
            Arrays.fill(key, (byte) 0);
        }
    }

    /** For SRTCP, {@code r} is the 31-bit SRTCP index DIV KDR (see the SPI's package documentation). */
    private void rtcpKeys(long srtcpIndex) {
        if (kdrShift >= 0 && (srtcpIndex >>> kdrShift) != rtcpR) {
            rtcpR = srtcpIndex >>> kdrShift;
            rtcpMac.rekey(derive(SrtpKdf.LABEL_RTCP_AUTH, rtcpR));
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public int protectRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        checkOpen();
        rtpKeys(index);
        rtpMac.sign(packet, length, true, index >>> 16, RTP_TAG);
        return length + RTP_TAG;
    }

    @Override
    public int unprotectRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        checkOpen();
        int plain = length - RTP_TAG;
        if (plain < headerLength) {
            return -1;
        }
        rtpKeys(index);
        return rtpMac.verify(packet, plain, true, index >>> 16, RTP_TAG) ? plain : -1;
    }

    /** E = 0 whatever {@code encrypt} says: a NULL cipher cannot encrypt (the SPI's E-flag rule). */
    @Override
    public int protectRtcp(byte[] packet, int length, long ssrc, int srtcpIndex, boolean encrypt) {
        checkOpen();
        rtcpKeys(srtcpIndex & 0x7fffffffL);
        Bytes.put32(packet, length, srtcpIndex & 0x7fffffffL);
        rtcpMac.sign(packet, length + 4, false, 0, RTCP_TAG);
        return length + 4 + RTCP_TAG;
    }

    @Override
    public int unprotectRtcp(byte[] packet, int length, long ssrc) {
        checkOpen();
        int trailer = length - 4 - RTCP_TAG;
        if (trailer < 8) {
            return -1;
        }
        rtcpKeys(Bytes.u32(packet, trailer) & 0x7fffffffL);
        return rtcpMac.verify(packet, trailer + 4, false, 0, RTCP_TAG) ? trailer : -1;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("SRTP transform closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rtpMac.close();
            rtcpMac.close();
            kdf.close();
            Arrays.fill(key, (byte) 0);
        }
    }
}
