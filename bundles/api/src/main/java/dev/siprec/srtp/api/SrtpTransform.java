package dev.siprec.srtp.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The cryptographic core of one master key, created by a {@link SrtpCryptoSuite}: session keys
 * derived from it (RFC 3711 §4.3) and the ciphers keyed with them. Works in place on byte arrays,
 * allocates nothing per packet (beyond what the JCE does for AEAD) and is used by one thread at a
 * time. The same transform serves every SSRC under its master key: the SSRC and the packet index are
 * parameters. The engine removes or inserts the MKI (RFC 3711 §3.1) itself, so a transform sees
 * packets without it. Key material lives only inside and is wiped by {@link #close()}.
 *
 * <p>Layouts, without MKI: SRTP is {@code header | payload | tag} for every suite. SRTCP is
 * {@code packet | E+index | tag} for HMAC suites (RFC 3711 §3.4) and
 * {@code packet | tag | E+index} for AEAD suites (RFC 7714 §9.1, the tag is part of the cipher text).
 */
@ConsumerType
public interface SrtpTransform extends AutoCloseable {

    /**
     * Encrypts and authenticates an RTP packet in place (RFC 3711 §3.3, RFC 7714 §8).
     *
     * @param packet buffer holding the RTP packet at {@code [0, length)} with room for the tag after it
     * @param headerLength RTP header length including CSRCs and header extension
     * @param length RTP packet length (header, payload and padding)
     * @param ssrc the packet's SSRC, unsigned
     * @param index the 48-bit packet index {@code ROC * 65536 + SEQ}
     * @return the protected length (tag appended)
     */
    int protectRtp(byte[] packet, int headerLength, int length, long ssrc, long index);

    /**
     * Verifies the tag (in constant time, before anything is decrypted) and decrypts an SRTP packet
     * in place. On failure the payload is left encrypted.
     *
     * @param packet buffer with the SRTP packet, tag last
     * @param headerLength RTP header length
     * @param length total length including the tag
     * @param ssrc the packet's SSRC, unsigned
     * @param index the estimated packet index
     * @return the plain RTP length, or {@code -1} when authentication failed
     */
    int unprotectRtp(byte[] packet, int headerLength, int length, long ssrc, long index);

    /**
     * Protects an RTCP compound packet in place (RFC 3711 §3.4, RFC 7714 §9): encrypts it unless
     * {@code encrypt} is false, appends the E-flag with the SRTCP index and the tag.
     *
     * @param srtcpIndex the 31-bit SRTCP index
     * @return the protected length
     */
    int protectRtcp(byte[] packet, int length, long ssrc, int srtcpIndex, boolean encrypt);

    /**
     * Verifies and decrypts an SRTCP packet in place; E-flag and index are read from the packet.
     *
     * @return the plain RTCP length (trailer and tag removed), or {@code -1} when authentication failed
     */
    int unprotectRtcp(byte[] packet, int length, long ssrc);

    /** Wipes all key material; the transform is unusable afterwards. */
    @Override
    void close();
}
