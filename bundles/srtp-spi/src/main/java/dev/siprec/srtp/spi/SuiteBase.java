package dev.siprec.srtp.spi;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;

/**
 * The metadata every suite shares (RFC 4568 §6.2, RFC 6188 §7, RFC 7714 §14.2), the checks before a
 * transform is created and the class-loading warm-up (package rule 2). A suite bundle extends this
 * class (or {@link AesCmSuite}, {@link AesGcmSuite}) with one DS component per SDP name and
 * implements {@link #create}. Its only state is whether the warm-up ran.
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

    private void warmUp() {
        warmUp(create(new byte[keyLength], new byte[saltLength], 1, true, true));
    }

    /**
     * Runs every path of a throw-away transform once and closes it: SRTP and SRTCP, protect and
     * unprotect, good and forged packets, SRTCP with E = 1 and E = 0, and several indices so that a
     * transform created with key derivation rate 1 re-keys. Afterwards the class loaders of the suite
     * and of this SPI have resolved every class the packet path needs, and streams keep working after
     * the suite's bundle is stopped or uninstalled (no {@code NoClassDefFoundError} on the packet
     * path). {@link SuiteBase} calls it before its first transform; a suite that does not extend
     * {@code SuiteBase} calls it in {@code newTransform} before returning its first transform.
     *
     * @param t a transform made for the warm-up only, with a zero key and key derivation rate 1
     */
    public static void warmUp(SrtpTransform t) {
        byte[] buf = new byte[12 + 32 + 64];
        buf[0] = (byte) 0x80;
        try (t) {
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
            n = t.protectRtcp(buf, 44, 1, 2, false);
            t.unprotectRtcp(buf, n, 1);
            t.unprotectRtp(buf, 12, 11, 1, 3);
            t.unprotectRtcp(buf, 9, 1);
        }
    }

    /**
     * Describes, for {@link #implementation()}, the primitives of this SPI a suite runs on: whether
     * {@link AesCtr}, {@link HmacSha1} and the GCM hash reached the JDK's hardware-backed kernels or use
     * portable code, and why. The first call runs the kernels' self-test (once per JVM).
     *
     * @param aes the suite uses {@link AesCtr} (AES-CM, AES-GCM and the AES-CM key derivation)
     * @param hmacSha1 the suite authenticates with {@link HmacSha1}
     * @param ghash the suite uses AES-GCM's hash
     * @since 1.2
     */
    protected static String primitives(boolean aes, boolean hmacSha1, boolean ghash) {
        return JdkKernels.describe(aes, hmacSha1, ghash);
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
