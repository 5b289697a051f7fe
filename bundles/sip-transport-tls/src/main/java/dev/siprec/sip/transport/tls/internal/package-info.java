/**
 * SIP over TLS listeners (RFC 3261 §26.3.1, RFC 5630), one DS component per factory configuration
 * {@code dev.siprec.transport.tls}: TLS 1.2 minimum, 1.3 preferred, optional mutual TLS.
 */
package dev.siprec.sip.transport.tls.internal;
