/**
 * The NIO stream machinery shared by the TCP and TLS transports (RFC 3261 §18.3 framing, RFC 5626
 * §4.4.1 keep-alives, connection caps, idle, handshake and slow-sender timeouts). Private: the TCP
 * bundle contains it, the TLS bundle embeds a private copy (bnd {@code -conditionalpackage}); neither
 * exports it.
 */
package dev.siprec.sip.transport.stream.internal;
