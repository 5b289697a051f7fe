package dev.siprec.srtp.spi;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) as the SRTP message authentication (RFC 3711 §4.2), allocation-free: the
 * inner and outer pad blocks ({@code K XOR ipad}, {@code K XOR opad}) are computed once per key and
 * fed to the JDK's SHA-1 {@code MessageDigest}, whose compression the JVM intrinsifies (SHA-NI);
 * the digests go into fields, never into new arrays ({@code javax.crypto.Mac.doFinal()} allocates
 * one per packet). Tags are compared in constant time ({@link Bytes#constantTimeEquals}).
 *
 * <p>Why pad blocks and not precomputed SHA-1 chaining states: a SHA-1 written in Java that starts
 * from the chaining values after the pads saves two of the six compressions of a 172-byte packet,
 * but measured 2.7 times slower than the intrinsified JDK digest on the build machine (see
 * {@code docs/performance.md}); the JDK offers no way to start a digest from a given state without
 * cloning it, and a clone allocates.
 *
 * <p>Not thread-safe: one instance per transform direction, used by one thread at a time.
 */
public final class HmacSha1 implements AutoCloseable {
    /** SHA-1 block length in bytes. */
    public static final int BLOCK = 64;
    /** SHA-1 digest length in bytes, the longest tag. */
    public static final int DIGEST = 20;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[DIGEST];
    private final byte[] out = new byte[DIGEST];
    private final byte[] word = new byte[4];

    /** @param key the session authentication key (20 bytes in SRTP, at most 64); not kept, only its pads */
    public HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
        rekey(key);
    }

    /**
     * Keys again (key derivation rate, RFC 3711 §4.3.1): recomputes both pads. Allocates nothing.
     *
     * @param key at most {@link #BLOCK} bytes
     */
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
     * Writes the first {@code tagLen} bytes of the tag over {@code data[0, len)} (followed by the
     * 4-byte big-endian {@code roc} when {@code withRoc}: the SRTP authenticated portion, RFC 3711
     * §4.2) to {@code data[len, len + tagLen)}.
     */
    public void sign(byte[] data, int len, boolean withRoc, long roc, int tagLen) {
        sign(data, 0, len, withRoc, roc, data, len, tagLen);
    }

    /**
     * Computes the tag over {@code data[off, off + len)} (plus the ROC when {@code withRoc}) and
     * writes its first {@code tagLen} bytes to {@code tag[tagOff, tagOff + tagLen)}.
     */
    public void sign(byte[] data, int off, int len, boolean withRoc, long roc, byte[] tag, int tagOff, int tagLen) {
        checkTag(tagLen);
        compute(data, off, len, withRoc, roc);
        System.arraycopy(out, 0, tag, tagOff, tagLen);
    }

    /** @return whether {@code data[len, len + tagLen)} is the tag of {@code data[0, len)} (plus ROC), in constant time */
    public boolean verify(byte[] data, int len, boolean withRoc, long roc, int tagLen) {
        return verify(data, 0, len, withRoc, roc, data, len, tagLen);
    }

    /** @return whether {@code tag[tagOff, tagOff + tagLen)} is the tag of {@code data[off, off + len)} (plus ROC), in constant time */
    public boolean verify(byte[] data, int off, int len, boolean withRoc, long roc, byte[] tag, int tagOff, int tagLen) {
        checkTag(tagLen);
        compute(data, off, len, withRoc, roc);
        return Bytes.constantTimeEquals(out, 0, tag, tagOff, tagLen);
    }

    private static void checkTag(int tagLen) {
        if (tagLen < 0 || tagLen > DIGEST) {
            throw new IllegalArgumentException("HMAC-SHA1 tag length must be 0..20, not " + tagLen);
        }
    }

    private void compute(byte[] data, int off, int len, boolean withRoc, long roc) {
        try {
            sha1.update(innerPad);
            sha1.update(data, off, len);
            if (withRoc) {
                Bytes.put32(word, 0, roc);
                sha1.update(word, 0, 4);
            }
            sha1.digest(inner, 0, DIGEST);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(out, 0, DIGEST);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 failed", e);
        }
    }

    /** Wipes both pads and every buffer. */
    @Override
    public void close() {
        Arrays.fill(innerPad, (byte) 0);
        Arrays.fill(outerPad, (byte) 0);
        Arrays.fill(inner, (byte) 0);
        Arrays.fill(out, (byte) 0);
        Arrays.fill(word, (byte) 0);
        sha1.reset();
    }
}
