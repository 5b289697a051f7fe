package dev.siprec.sip.transport.udp.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Validated settings of one UDP listener.
 *
 * @param name listener name (the factory configuration name)
 * @param bind local address and port to bind
 * @param maxMessageBytes largest datagram accepted, at most 65,507 (IPv4 UDP payload limit)
 * @param receiveBufferBytes SO_RCVBUF, 0 for the OS default
 */
record UdpSettings(String name, InetSocketAddress bind, int maxMessageBytes, int receiveBufferBytes) {

    /** The largest UDP payload over IPv4 (65,535 − 8 − 20). */
    static final int MAX_DATAGRAM = 65_507;

    UdpSettings {
        if (maxMessageBytes < 512 || maxMessageBytes > MAX_DATAGRAM) {
            throw new IllegalArgumentException("max.message.bytes must be between 512 and " + MAX_DATAGRAM + ", was " + maxMessageBytes);
        }
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("receive.buffer.bytes must be >= 0 (0 = OS default), was " + receiveBufferBytes);
        }
    }

    /** Builds settings from configuration values; throws {@link IllegalArgumentException} with an operator-readable message. */
    static UdpSettings of(String name, String bindAddress, int port, int maxMessageBytes, int receiveBufferBytes) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        String host = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address '" + bindAddress + "' is not a valid address: " + e.getMessage(), e);
        }
        return new UdpSettings(name, new InetSocketAddress(address, port), maxMessageBytes, receiveBufferBytes);
    }
}
