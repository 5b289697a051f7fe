package dev.siprec.srtp.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The cryptographic core of one SRTP/SRTCP context (one SSRC, one master key), created by a
 * {@link SrtpCryptoSuite}. Works in place on byte arrays, allocates nothing per packet and is used
 * by one thread at a time. Key material lives only inside and is wiped by {@link #close()}.
 */
@ConsumerType
public interface SrtpTransform extends AutoCloseable {

    /**
     * Encrypts and authenticates an RTP packet in place (RFC 3711 §3.3).
     *
     * @param packet buffer holding the RTP packet at {@code [0, headerLength + payloadLength)},
     *               with room for the tag after it
     * @param headerLength RTP header length including CSRCs and extension
     * @param payloadLength payload length (padding included)
     * @param ssrc the packet's SSRC
     * @param index the 48-bit packet index {@code ROC * 65536 + SEQ}
     * @return the protected length, without MKI (the engine inserts it)
     */
    int protectRtp(byte[] packet, int headerLength, int payloadLength, long ssrc, long index);

    /**
     * Verifies (in constant time) and decrypts an SRTP packet in place. The tag is verified before
     * anything is decrypted; on failure the buffer is unchanged.
     *
     * @param packet buffer with the SRTP packet, MKI already removed by the engine, tag last
     * @param headerLength RTP header length
     * @param length total length including the tag
     * @param ssrc the packet's SSRC
     * @param index the estimated packet index
     * @return the plain RTP length, or {@code -1} when authentication failed
     */
    int unprotectRtp(byte[] packet, int headerLength, int length, long ssrc, long index);

    /**
     * Protects an RTCP compound packet in place (RFC 3711 §3.4): appends E-flag and SRTCP index,
     * then the tag.
     *
     * @return the protected length, without MKI
     */
    int protectRtcp(byte[] packet, int length, long ssrc, int srtcpIndex, boolean encrypt);

    /**
     * Verifies and decrypts an SRTCP packet in place (MKI already removed).
     *
     * @return the plain RTCP length, or {@code -1} when authentication failed
     */
    int unprotectRtcp(byte[] packet, int length, long ssrc);

    /** Wipes all key material; the transform is unusable afterwards. */
    @Override
    void close();
}
