package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/** Creates the per-connection layer of a listener and describes it for {@code status()}. */
public interface LayerFactory {

    /** A layer for a connection the listener accepted. */
    StreamLayer server(InetSocketAddress remote) throws IOException;

    /**
     * A layer for a connection the listener opens.
     *
     * @param serverName host name to validate the server certificate against (TLS), may be {@code null}
     */
    StreamLayer client(InetSocketAddress remote, String serverName) throws IOException;

    /** @return facts for {@code ListenerStatus.details()} */
    Map<String, String> details();

    /** Releases what the factory holds (credential watchers). */
    default void close() {
    }

    /** The TCP factory. */
    LayerFactory PLAIN = new LayerFactory() {
        @Override
        public StreamLayer server(InetSocketAddress remote) {
            return new PlainLayer();
        }

        @Override
        public StreamLayer client(InetSocketAddress remote, String serverName) {
            return new PlainLayer();
        }

        @Override
        public Map<String, String> details() {
            return Map.of();
        }
    };
}
