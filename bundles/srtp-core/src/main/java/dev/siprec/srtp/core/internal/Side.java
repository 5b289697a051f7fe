package dev.siprec.srtp.core.internal;

import dev.siprec.srtp.api.SrtpStatus;

/**
 * What the receiving and the sending half of a session share: the master keys with their
 * transforms, the SSRC contexts, the framing lengths and the session counters. One thread at a
 * time (the session locks each half).
 */
abstract class Side {
    final KeySlot[] slots;
    final StreamTable streams;
    final int rtpTagLength;
    final int rtcpTagLength;
    final int mkiLength;
    final boolean aead;
    final int window;
    final SuiteRegistry.Counters suiteCounters;

    long malformed;
    long unknownSsrcAuthFailures;
    long ssrcLimit;
    long rocRecoveries;
    long unknownMki;

    Side(KeySlot[] slots, int maxStreams, int rtpTagLength, int rtcpTagLength, int mkiLength, boolean aead,
            int window, SuiteRegistry.Counters suiteCounters) {
        this.slots = slots;
        this.streams = new StreamTable(maxStreams);
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.mkiLength = mkiLength;
        this.aead = aead;
        this.window = window;
        this.suiteCounters = suiteCounters;
    }

    final SrtpStatus malformed() {
        malformed++;
        return SrtpStatus.MALFORMED;
    }

    /**
     * Where the MKI sits in a packet of {@code len} bytes with a tag of {@code tagLength}: before the
     * tag for HMAC suites (RFC 3711 §3.1, Figures 1 and 2), last for AEAD suites (the tag is part of
     * the AEAD cipher text, RFC 7714 §8 and §9).
     */
    final int mkiOffset(int len, int tagLength) {
        return aead ? len - mkiLength : len - tagLength - mkiLength;
    }

    /** Removes the MKI in place, moving the tag over it for HMAC suites. @return the new length */
    final int stripMki(byte[] p, int len, int tagLength) {
        if (mkiLength == 0) {
            return len;
        }
        if (!aead) {
            System.arraycopy(p, len - tagLength, p, len - tagLength - mkiLength, tagLength);
        }
        return len - mkiLength;
    }

    /** Inserts the MKI of {@code slot} where {@link #mkiOffset} expects it. @return the new length */
    final int insertMki(byte[] p, int len, int tagLength, KeySlot slot) {
        if (mkiLength == 0) {
            return len;
        }
        if (aead) {
            System.arraycopy(slot.mki, 0, p, len, mkiLength);
        } else {
            System.arraycopy(p, len - tagLength, p, len - tagLength + mkiLength, tagLength);
            System.arraycopy(slot.mki, 0, p, len - tagLength, mkiLength);
        }
        return len + mkiLength;
    }

    /** @return the slot whose MKI the packet carries at {@code off}, or -1 (RFC 3711 §3.1) */
    final int slotByMki(byte[] p, int off) {
        if (mkiLength == 0) {
            return 0;
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].mkiMatches(p, off)) {
                return i;
            }
        }
        return -1;
    }

    final void closeKeys() {
        for (KeySlot s : slots) {
            s.close();
        }
        streams.clear();
    }
}
