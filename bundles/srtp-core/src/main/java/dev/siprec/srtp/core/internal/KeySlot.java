package dev.siprec.srtp.core.internal;

import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.Bytes;

/**
 * One master key of a session direction: its transform, MKI and the packets counted against its
 * lifetime (RFC 3711 §9.2, RFC 4568 §6.1), SRTP and SRTCP apart.
 */
final class KeySlot {
    final SrtpTransform transform;
    final byte[] mki;
    final long srtpLimit;
    final long srtcpLimit;
    long srtpCount;
    long srtcpCount;

    KeySlot(SrtpTransform transform, byte[] mki, long srtpLimit, long srtcpLimit) {
        this.transform = transform;
        this.mki = mki;
        this.srtpLimit = srtpLimit;
        this.srtcpLimit = srtcpLimit;
    }

    boolean srtpExpired() {
        return srtpCount >= srtpLimit;
    }

    boolean srtcpExpired() {
        return srtcpCount >= srtcpLimit;
    }

    boolean mkiMatches(byte[] p, int off) {
        return Bytes.constantTimeEquals(mki, 0, p, off, mki.length);
    }

    void close() {
        transform.close();
    }
}
