package dev.siprec.kex.api;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a key exchange whose keys are agreed on the media port (DTLS-SRTP): the media
 * layer {@linkplain #attach attaches} the stream's port once it exists, hands over every datagram
 * whose first byte is 20..63 (DTLS, RFC 7983 §7) and {@linkplain #detach detaches} when the stream
 * ends. Called on a media I/O thread: never block, bound the work per datagram (a flood of
 * ClientHellos must not starve RTP), and complete {@link MediaKeys#ready()} when the keys exist.
 */
@ConsumerType
public interface MediaPortHandler {

    /** The stream's port exists; flights are sent through it (the server answers {@code a=setup:passive}). */
    void attach(MediaPort port);

    /**
     * One datagram received on the stream's port that is not RTP/RTCP.
     *
     * @param data the buffer, valid only during the call (copy what is kept)
     */
    void datagram(byte[] data, int offset, int length, InetSocketAddress source);

    /** The stream ended: stop retransmitting and wipe the handshake's secrets. */
    void detach();
}
