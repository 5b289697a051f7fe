package dev.siprec.srtp.crypto.internal;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) as the SRTP message authentication (RFC 3711 §4.2), built on the JDK's
 * SHA-1 {@code MessageDigest} (intrinsified) rather than {@code javax.crypto.Mac}, whose
 * {@code doFinal} allocates the digest on every packet. Tags go to a scratch buffer and are compared
 * in constant time. One thread at a time.
 */
public final class HmacSha1 implements AutoCloseable {
    private static final int BLOCK = 64;
    private static final int DIGEST = 20;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[DIGEST];
    private final byte[] out = new byte[DIGEST];
    private final byte[] rocBytes = new byte[4];

    /** @param key the session authentication key (20 bytes in SRTP); not kept, only its pads */
    public HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
        rekey(key);
    }

    public void rekey(byte[] key) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("HMAC key longer than a SHA-1 block");
        }
        Arrays.fill(innerPad, (byte) 0x36);
        Arrays.fill(outerPad, (byte) 0x5c);
        for (int i = 0; i < key.length; i++) {
            innerPad[i] ^= key[i];
            outerPad[i] ^= key[i];
        }
    }

    /**
     * Computes the tag over {@code data[0, len)}, followed by the 4-byte {@code roc} when
     * {@code withRoc} (RFC 3711 §4.2: the SRTP authenticated portion plus ROC), into the scratch.
     */
    private void compute(byte[] data, int len, boolean withRoc, long roc) {
        try {
            sha1.update(innerPad);
            sha1.update(data, 0, len);
            if (withRoc) {
                Bytes.put32(rocBytes, 0, roc);
                sha1.update(rocBytes, 0, 4);
            }
            sha1.digest(inner, 0, DIGEST);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(out, 0, DIGEST);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 failed", e);
        }
    }

    /** Writes the first {@code tagLen} bytes of the tag to {@code data[len, len+tagLen)}. */
    public void sign(byte[] data, int len, boolean withRoc, long roc, int tagLen) {
        compute(data, len, withRoc, roc);
        System.arraycopy(out, 0, data, len, tagLen);
    }

    /** @return whether {@code data[len, len+tagLen)} is the tag of {@code data[0, len)}, constant time */
    public boolean verify(byte[] data, int len, boolean withRoc, long roc, int tagLen) {
        compute(data, len, withRoc, roc);
        return Bytes.constantTimeEquals(out, 0, data, len, tagLen);
    }

    @Override
    public void close() {
        Arrays.fill(innerPad, (byte) 0);
        Arrays.fill(outerPad, (byte) 0);
        Arrays.fill(inner, (byte) 0);
        Arrays.fill(out, (byte) 0);
        sha1.reset();
    }
}
