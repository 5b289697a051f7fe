/**
 * The NIO stream machinery of the TCP and TLS transports, as a library: RFC 3261 §18.3
 * {@code Content-Length} framing through the codec, RFC 5626 §4.4.1 CRLF keep-alives, total and
 * per-IP connection caps, handshake, idle and slow-sender timeouts, bounded write backlogs, on a small
 * fixed set of selector threads. A transport supplies the byte layer ({@link
 * dev.siprec.sip.transport.stream.LayerFactory}: plain for TCP, an {@code SSLEngine} for TLS) and
 * registers the {@link dev.siprec.sip.transport.stream.StreamListener} through a {@code ListenerHandle}.
 * The library has no state of its own and registers no services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.siprec.sip.transport.stream;
