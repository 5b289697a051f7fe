package dev.siprec.sip.transport.udp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

/**
 * A UDP flow: the listener's socket paired with one remote address (RFC 5626 §3). Sending from the
 * listener's socket keeps the source port the client sees equal to the port it sent to, which
 * NATs and symmetric-response clients rely on (RFC 3581 §4).
 */
final class UdpConnection implements SipConnection {

    private final UdpListener listener;
    private final InetSocketAddress remote;

    UdpConnection(UdpListener listener, InetSocketAddress remote) {
        this.listener = listener;
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    @Override
    public SipTransport transport() {
        return listener;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return listener.localAddress();
    }

    @Override
    public boolean isOpen() {
        return listener.isOpen();
    }

    @Override
    public void send(byte[] message) throws IOException {
        listener.send(remote, message);
    }

    @Override
    public Optional<TlsDetails> tls() {
        return Optional.empty();
    }

    /** UDP has nothing to close per flow. */
    @Override
    public void close() {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpConnection c && c.listener == listener && c.remote.equals(remote);
    }

    @Override
    public int hashCode() {
        return remote.hashCode() * 31 + System.identityHashCode(listener);
    }

    @Override
    public String toString() {
        return "UDP " + listener.localAddress() + " <-> " + remote;
    }
}
