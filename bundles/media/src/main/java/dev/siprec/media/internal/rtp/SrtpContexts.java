package dev.siprec.media.internal.rtp;

import java.security.MessageDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.srtp.api.SrtpEngine;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;

/**
 * The SRTP session(s) of one received stream. A re-key (new policy in a re-INVITE, RFC 4568 §7.1.4)
 * opens a second session; packets are tried under the new keys first and, when they do not
 * authenticate, under the old ones, until the first packet authenticates under the new keys: then the
 * old session is closed, which wipes its keys. The same keys again keep the current session (and its
 * rollover counter and replay state, RFC 3711 §3.3.1).
 */
public final class SrtpContexts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtpContexts.class);

    private final String streamKey;
    private SrtpSession current;
    private String suite;
    private byte[] currentKeys;
    private SrtpSession pending;
    private String pendingSuite;
    private byte[] pendingKeys;

    private SrtpContexts(String streamKey) {
        this.streamKey = streamKey;
    }

    /**
     * @return contexts for {@code policy}
     * @throws IllegalArgumentException when no engine is available or the engine refuses the policy
     */
    public static SrtpContexts open(String streamKey, SrtpEngine engine, SrtpPolicy policy) {
        SrtpContexts c = new SrtpContexts(streamKey);
        c.currentKeys = fingerprint(policy);
        c.current = newSession(engine, policy);
        c.suite = policy.suite();
        return c;
    }

    /** Applies a renegotiated policy: nothing when the keys are the same, else a pending session. */
    public void rekey(SrtpEngine engine, SrtpPolicy policy) {
        if (same(pending != null ? pendingKeys : currentKeys, policy)) {
            return;
        }
        byte[] keys = fingerprint(policy);
        SrtpSession next = newSession(engine, policy);
        if (pending != null) {
            pending.close();
        }
        pending = next;
        pendingKeys = keys;
        pendingSuite = policy.suite();
        LOG.info("Stream {}: new SRTP keys ({}); the previous keys stay valid until the first packet under the new ones",
                streamKey, policy.suite());
    }

    /** @return the suite in use */
    public String suite() {
        return suite;
    }

    /** @return {@code true} while the old keys are still accepted */
    public boolean rekeying() {
        return pending != null;
    }

    public SrtpStatus unprotectRtp(SrtpPacket packet) {
        return unprotect(packet, false);
    }

    public SrtpStatus unprotectRtcp(SrtpPacket packet) {
        return unprotect(packet, true);
    }

    private SrtpStatus unprotect(SrtpPacket packet, boolean rtcp) {
        if (pending != null) {
            int length = packet.length();
            SrtpStatus s = rtcp ? pending.unprotectRtcp(packet) : pending.unprotectRtp(packet);
            if (s == SrtpStatus.OK) {
                current.close();
                current = pending;
                currentKeys = pendingKeys;
                suite = pendingSuite;
                pending = null;
                pendingKeys = null;
                LOG.info("Stream {}: first packet under the new SRTP keys; previous keys wiped", streamKey);
                return s;
            }
            if (s != SrtpStatus.AUTH_FAIL && s != SrtpStatus.UNKNOWN_MKI) {
                return s;
            }
            packet.length(length);
        }
        return rtcp ? current.unprotectRtcp(packet) : current.unprotectRtp(packet);
    }

    /** Closes every session (wipes the keys). Idempotent. */
    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private static SrtpSession newSession(SrtpEngine engine, SrtpPolicy policy) {
        if (engine == null) {
            throw new IllegalArgumentException("SRTP (" + policy.suite() + ") negotiated but no SRTP engine is available");
        }
        return engine.newReceiveSession(policy); // a recorder never protects: no sending state
    }

    /**
     * A SHA-256 fingerprint of suite, flags and key material, so that "same keys" can be recognised
     * later without keeping a copy of the keys (the caller may destroy its policy after opening).
     *
     * @return the fingerprint, or {@code null} when a key was already destroyed
     */
    static byte[] fingerprint(SrtpPolicy p) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        md.update(p.suite().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) ((p.unencryptedSrtp() ? 1 : 0) | (p.unencryptedSrtcp() ? 2 : 0) | (p.unauthenticatedSrtp() ? 4 : 0)));
        md.update(java.nio.ByteBuffer.allocate(8).putLong(p.keyDerivationRate()).array());
        for (SrtpMasterKey k : p.keys()) {
            if (k.isDestroyed()) {
                return null;
            }
            byte[] key;
            byte[] salt;
            try {
                key = k.key();
                salt = k.salt();
            } catch (IllegalStateException destroyed) {
                return null;
            }
            md.update((byte) key.length);
            md.update(key);
            md.update((byte) salt.length);
            md.update(salt);
            md.update(k.mki());
            md.update(java.nio.ByteBuffer.allocate(8).putLong(k.lifetime()).array());
            java.util.Arrays.fill(key, (byte) 0);
            java.util.Arrays.fill(salt, (byte) 0);
        }
        return md.digest();
    }

    static boolean same(byte[] fingerprint, SrtpPolicy policy) {
        byte[] other = fingerprint(policy);
        return fingerprint != null && other != null && MessageDigest.isEqual(fingerprint, other);
    }
}
