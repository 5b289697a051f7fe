package dev.siprec.sip.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A flow to one remote peer over one {@link SipTransport}: a TCP or TLS connection, or for UDP the
 * pair of the listener's socket and a remote address (RFC 5626 §3 calls this a flow).
 * Responses go back over the connection the request came on (RFC 3261 §18.2.2).
 */
@ConsumerType
public interface SipConnection {

    /** @return the transport this flow belongs to. */
    SipTransport transport();

    /** @return the remote address as seen on the socket (the source of received packets). */
    InetSocketAddress remote();

    /** @return the local address of the flow. */
    InetSocketAddress local();

    /** @return {@code true} while messages can be sent over this flow. */
    boolean isOpen();

    /**
     * Sends one complete, serialized SIP message. For UDP, {@code message} is one datagram.
     *
     * @throws IOException when the flow is closed or the write fails
     */
    void send(byte[] message) throws IOException;

    /** @return TLS session details when the flow is TLS, including the verified client chain under mutual TLS. */
    Optional<TlsDetails> tls();

    /** Closes a stream flow; a no-op for UDP. */
    void close();
}
