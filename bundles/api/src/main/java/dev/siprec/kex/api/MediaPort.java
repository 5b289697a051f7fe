package dev.siprec.kex.api;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The media port of one stream as a key exchange that runs on it sees it (DTLS-SRTP, RFC 5764
 * §4.1: the handshake shares the RTP port). Provided by the media layer; datagrams are sent from
 * the stream's local RTP port.
 */
@ProviderType
public interface MediaPort {

    /** @return the local address and port of the stream's RTP socket. */
    InetSocketAddress local();

    /**
     * Sends one datagram (a DTLS flight) from the stream's port. Never blocks; a datagram the
     * socket cannot take now is dropped, as on the wire (DTLS retransmits, RFC 6347 §4.2.4).
     */
    void send(byte[] data, int offset, int length, InetSocketAddress to);
}
