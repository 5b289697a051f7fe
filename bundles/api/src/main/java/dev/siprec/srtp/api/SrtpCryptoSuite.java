package dev.siprec.srtp.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One SRTP crypto suite as named in SDP (RFC 4568 §6.2, RFC 6188 §7, RFC 7714 §14.2), registered by
 * a suite bundle with the service property {@link #SUITE}. The registry picks up suites while the
 * framework runs; a suite that goes away is no longer negotiated, while sessions already using it
 * keep their transforms: a transform loads every class it needs when it is created, so it needs no
 * further class loading from the suite's bundle afterwards.
 */
@ConsumerType
public interface SrtpCryptoSuite {

    /** Service property, {@code String}: the suite name exactly as in SDP {@code a=crypto}, e.g. {@code AES_CM_128_HMAC_SHA1_80}. */
    String SUITE = "srtp.suite";

    /** @return the suite name, equal to the {@link #SUITE} property. */
    String name();

    /** @return master key length in bytes (16 for AES-128, 24 for AES-192, 32 for AES-256). */
    int masterKeyLength();

    /** @return master salt length in bytes (14 for AES-CM suites, 12 for AEAD-AES-GCM, RFC 7714 §11). */
    int masterSaltLength();

    /** @return SRTP authentication tag length in bytes (10 for {@code _80}, 4 for {@code _32}, 16 for GCM). */
    int srtpAuthTagLength();

    /** @return SRTCP authentication tag length in bytes: the {@code _32} suites keep a 10-byte SRTCP tag (RFC 4568 §6.2.1). */
    int srtcpAuthTagLength();

    /** @return {@code true} for AEAD suites (RFC 7714), whose tag comes from the cipher, not an HMAC. */
    boolean aead();

    /** @return maximum SRTP packets under one master key (2^48 for the RFC 4568 suites). */
    long srtpLifetime();

    /** @return maximum SRTCP packets under one master key (2^31). */
    long srtcpLifetime();

    /**
     * Creates the cryptographic transform of one master key: key derivation (RFC 3711 §4.3, RFC 7714
     * §11) and packet encryption/authentication. The engine in {@code srtp-core} does the framing,
     * MKI, index, replay and lifetime bookkeeping around it. Every class the transform uses is loaded
     * here.
     *
     * @param masterKey master key, copied by the transform and wiped by {@link SrtpTransform#close()}
     * @param masterSalt master salt, copied likewise
     * @param keyDerivationRate RFC 3711 §4.3.1 key derivation rate, 0 or a power of two up to 2^24
     * @param encryptRtp {@code false} for {@code UNENCRYPTED_SRTP} (RFC 4568 §6.3.2)
     * @param authenticateRtp {@code false} for {@code UNAUTHENTICATED_SRTP} (RFC 4568 §6.3.3): no SRTP tag
     * @throws IllegalArgumentException if a length or the rate is wrong, or the options are not
     *         supported by this suite (AEAD suites always encrypt and authenticate SRTP)
     */
    SrtpTransform newTransform(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp);

    /**
     * How this suite computes, for operators ({@code siprec:suites}, the log): which primitives it runs
     * on, e.g. whether it reached the JVM's hardware-backed kernels or fell back to portable code, so
     * that a deployment that lost its speed (a JVM started without the options a suite needs) shows
     * it. One line, no key material. The first call may run a self-test of the primitives.
     *
     * @return a one-line description, or an empty string when the suite does not say (the default)
     * @since 0.4
     */
    default String implementation() {
        return "";
    }
}
