package dev.siprec.srtp.crypto.internal;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;

/**
 * The metadata every suite shares (RFC 4568 §6.2, RFC 6188 §7, RFC 7714 §14.2) and the checks
 * before a transform is created. Suite bundles extend one of the concrete subclasses with a DS
 * component per SDP name.
 */
public abstract class SuiteBase implements SrtpCryptoSuite {
    /** RFC 4568 §6.2: at most 2^48 SRTP packets per master key. */
    public static final long SRTP_LIFETIME = 1L << 48;
    /** RFC 4568 §6.2: at most 2^31 SRTCP packets per master key. */
    public static final long SRTCP_LIFETIME = 1L << 31;

    private final String name;
    private final int keyLength;
    private final int saltLength;
    private final int rtpTag;
    private final int rtcpTag;
    private final boolean aead;
    private volatile boolean warm;

    protected SuiteBase(String name, int keyLength, int saltLength, int rtpTag, int rtcpTag, boolean aead) {
        this.name = name;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTag = rtpTag;
        this.rtcpTag = rtcpTag;
        this.aead = aead;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int masterKeyLength() {
        return keyLength;
    }

    @Override
    public final int masterSaltLength() {
        return saltLength;
    }

    @Override
    public final int srtpAuthTagLength() {
        return rtpTag;
    }

    @Override
    public final int srtcpAuthTagLength() {
        return rtcpTag;
    }

    @Override
    public final boolean aead() {
        return aead;
    }

    @Override
    public final long srtpLifetime() {
        return SRTP_LIFETIME;
    }

    @Override
    public final long srtcpLifetime() {
        return SRTCP_LIFETIME;
    }

    @Override
    public final SrtpTransform newTransform(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp) {
        checkLengths(masterKey, masterSalt);
        if (!warm) {
            warmUp();
            warm = true;
        }
        return create(masterKey, masterSalt, keyDerivationRate, encryptRtp, authenticateRtp);
    }

    /** Creates the transform; lengths are checked. */
    protected abstract SrtpTransform create(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp);

    /**
     * Runs every path of a throw-away transform once (key derivation rate 1, so re-keying too; good
     * and forged packets; SRTP and SRTCP) so that the bundle's class loader has resolved every class
     * the packet path needs. Streams then keep working after the suite's bundle is stopped or
     * uninstalled (no {@code NoClassDefFoundError} on the packet path).
     */
    private void warmUp() {
        byte[] buf = new byte[12 + 32 + 64];
        buf[0] = (byte) 0x80;
        try (SrtpTransform t = create(new byte[keyLength], new byte[saltLength], 1, true, true)) {
            int n = t.protectRtp(buf, 12, 44, 1, 1);
            t.unprotectRtp(buf, 12, n, 1, 1);
            buf[13] ^= 1;
            t.unprotectRtp(buf, 12, n, 1, 2);
            buf[0] = (byte) 0x81;
            buf[1] = (byte) 201;
            n = t.protectRtcp(buf, 44, 1, 1, true);
            t.unprotectRtcp(buf, n, 1);
            buf[13] ^= 1;
            t.unprotectRtcp(buf, n, 1);
        }
    }

    /** @throws IllegalArgumentException if key or salt has the wrong length */
    protected final void checkLengths(byte[] masterKey, byte[] masterSalt) {
        if (masterKey == null || masterKey.length != keyLength) {
            throw new IllegalArgumentException(name + " needs a " + keyLength + "-byte master key");
        }
        if (masterSalt == null || masterSalt.length != saltLength) {
            throw new IllegalArgumentException(name + " needs a " + saltLength + "-byte master salt");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
