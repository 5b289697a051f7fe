package dev.siprec.srtp.api;

import java.util.List;

/**
 * What one SDES negotiation (RFC 4568 §6) fixes for one direction of one media stream: the suite,
 * its master keys and the session parameters. Build one for the keys the peer sent (to unprotect)
 * and one for the keys the server answered (to protect its own RTCP).
 *
 * @param suite SDP suite name, e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param keys one or more master keys; several keys need an MKI of one common length (RFC 3711
 *             §3.1): packets select their key by MKI, the sender uses them in order, moving to the
 *             next when one reaches its lifetime (RFC 4568 §6.1)
 * @param keyDerivationRate {@code KDR=} as a rate: 0, or 2^n with n in 0..24 (RFC 4568 §6.3.1)
 * @param unencryptedSrtp {@code UNENCRYPTED_SRTP} (RFC 4568 §6.3.2)
 * @param unencryptedSrtcp {@code UNENCRYPTED_SRTCP}: protect sends E=0 (RFC 4568 §6.3.2)
 * @param unauthenticatedSrtp {@code UNAUTHENTICATED_SRTP} (RFC 4568 §6.3.3)
 * @param replayWindow replay list size in packets ({@code WSH=}, RFC 4568 §6.3.7), at least
 *                     {@link #MIN_REPLAY_WINDOW}, at most {@link #MAX_REPLAY_WINDOW}
 * @param maxStreams most SSRCs this session keeps a context for, per direction (1..{@link #MAX_STREAMS})
 */
public record SrtpPolicy(String suite, List<SrtpMasterKey> keys, long keyDerivationRate,
        boolean unencryptedSrtp, boolean unencryptedSrtcp, boolean unauthenticatedSrtp,
        int replayWindow, int maxStreams) {

    /** Smallest replay window accepted; RFC 3711 §3.3.2 asks for at least 64, we keep 128. */
    public static final int MIN_REPLAY_WINDOW = 128;
    /** Largest replay window accepted. */
    public static final int MAX_REPLAY_WINDOW = 32768;
    /** Default replay window. */
    public static final int DEFAULT_REPLAY_WINDOW = 1024;
    /** Largest per-session SSRC cap. */
    public static final int MAX_STREAMS = 1024;
    /** Default per-session SSRC cap (a SIPREC stream normally carries one SSRC at a time). */
    public static final int DEFAULT_MAX_STREAMS = 8;

    /**
     * @throws IllegalArgumentException on a missing suite or key, several keys without a common
     *         MKI length, a bad rate, window or cap
     */
    public SrtpPolicy {
        if (suite == null || suite.isBlank()) {
            throw new IllegalArgumentException("SRTP policy needs a suite name");
        }
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("SRTP policy needs at least one master key");
        }
        keys = List.copyOf(keys);
        int mkiLength = keys.get(0).mkiLength();
        for (SrtpMasterKey k : keys) {
            if (k.mkiLength() != mkiLength) {
                throw new IllegalArgumentException("all master keys of a stream must have the same MKI length");
            }
        }
        if (keys.size() > 1 && mkiLength == 0) {
            throw new IllegalArgumentException("several master keys need an MKI to tell them apart (RFC 4568 §6.1)");
        }
        if (keyDerivationRate != 0 && (Long.bitCount(keyDerivationRate) != 1 || keyDerivationRate > (1L << 24))) {
            throw new IllegalArgumentException("key derivation rate must be 0 or 2^n with n in 0..24: " + keyDerivationRate);
        }
        if (replayWindow < MIN_REPLAY_WINDOW || replayWindow > MAX_REPLAY_WINDOW) {
            throw new IllegalArgumentException("replay window must be " + MIN_REPLAY_WINDOW + ".." + MAX_REPLAY_WINDOW
                    + ": " + replayWindow);
        }
        if (maxStreams < 1 || maxStreams > MAX_STREAMS) {
            throw new IllegalArgumentException("stream cap must be 1.." + MAX_STREAMS + ": " + maxStreams);
        }
    }

    /** A policy with one master key and every session parameter at its default. */
    public static SrtpPolicy of(String suite, SrtpMasterKey key) {
        return new SrtpPolicy(suite, List.of(key), 0, false, false, false, DEFAULT_REPLAY_WINDOW, DEFAULT_MAX_STREAMS);
    }

    /** @return this policy with another replay window ({@code WSH=}) */
    public SrtpPolicy withReplayWindow(int window) {
        return new SrtpPolicy(suite, keys, keyDerivationRate, unencryptedSrtp, unencryptedSrtcp, unauthenticatedSrtp,
                window, maxStreams);
    }

    /** @return this policy with another per-session SSRC cap */
    public SrtpPolicy withMaxStreams(int cap) {
        return new SrtpPolicy(suite, keys, keyDerivationRate, unencryptedSrtp, unencryptedSrtcp, unauthenticatedSrtp,
                replayWindow, cap);
    }

    /** @return this policy with another key derivation rate */
    public SrtpPolicy withKeyDerivationRate(long rate) {
        return new SrtpPolicy(suite, keys, rate, unencryptedSrtp, unencryptedSrtcp, unauthenticatedSrtp,
                replayWindow, maxStreams);
    }

    /** @return this policy with the RFC 4568 §6.3 flags set as given */
    public SrtpPolicy withFlags(boolean noEncSrtp, boolean noEncSrtcp, boolean noAuthSrtp) {
        return new SrtpPolicy(suite, keys, keyDerivationRate, noEncSrtp, noEncSrtcp, noAuthSrtp, replayWindow, maxStreams);
    }

    /** @return the MKI length common to all keys, 0 without MKI */
    public int mkiLength() {
        return keys.get(0).mkiLength();
    }
}
