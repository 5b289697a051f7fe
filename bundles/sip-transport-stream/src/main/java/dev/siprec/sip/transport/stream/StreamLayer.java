package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import dev.siprec.sip.api.TlsDetails;

/**
 * The byte layer between a socket and the SIP framer: identity for TCP, an {@code SSLEngine} for TLS.
 * All methods run on the connection's I/O thread.
 */
public interface StreamLayer {

    /** What a layer can do with its connection. */
    interface Io {
        /** Application bytes decoded from the network; consumed before the call returns. */
        void deliver(ByteBuffer plaintext) throws IOException;

        /** Network bytes to send; copied by the connection. */
        void transmit(ByteBuffer wire);

        /** The layer is ready for application data (handshake complete). */
        void established();

        /** The peer ended the session (TLS close_notify); the connection closes. */
        void closedByPeer();

        /**
         * A buffer owned by the I/O thread for decoded application data, valid until the current
         * layer call returns; never used by the connection itself.
         */
        ByteBuffer scratchApp(int minCapacity);

        /** Like {@link #scratchApp} for encoded network data; a separate buffer. */
        ByteBuffer scratchNet(int minCapacity);

        /**
         * Runs {@code work} (e.g. the {@code SSLEngine}'s delegated handshake tasks: key exchange and
         * signatures) on the listener's bounded handshake pool, off the I/O threads, then
         * {@code then} back on this connection's I/O thread. A failure of either, or a full pool,
         * closes the connection. The layer must not touch its engine until {@code then} runs.
         */
        void offload(Runnable work, Continuation then);
    }

    /** What runs on the I/O thread after offloaded work. */
    interface Continuation {
        void run() throws IOException;
    }

    /** Starts the layer once the socket is connected (a TLS client sends its ClientHello). */
    void open(Io io) throws IOException;

    /** Network bytes arrived; the buffer is consumed completely (a layer keeps what it cannot use yet). */
    void inbound(ByteBuffer net, Io io) throws IOException;

    /** Encodes one application message for the network. Only called after {@link Io#established()}. */
    void outbound(ByteBuffer app, Io io) throws IOException;

    /** Begins an orderly close (TLS close_notify); the connection closes the socket afterwards. */
    void close(Io io);

    /** @return the negotiated TLS parameters once established; empty for TCP. */
    Optional<TlsDetails> details();
}
