/**
 * SIP message codec (RFC 3261 §7, §20, §25): a bounded byte-level parser for whole messages
 * ({@link dev.siprec.sip.codec.SipParser}), stream framing for TCP/TLS (RFC 3261 §18.3,
 * {@link dev.siprec.sip.codec.StreamFramer}), immutable parsed messages, a message builder,
 * header value parsers ({@code Via}, name-addr, SIP/SIPS/tel URIs, {@code CSeq},
 * {@code Content-Type}, RFC 4028 session timer headers) and RFC 2046 multipart bodies.
 *
 * <p>Pure Java: no OSGi runtime dependency, no shared mutable state. Every parser takes its limits
 * from {@link dev.siprec.sip.codec.SipLimits} and reports bad input as a
 * {@link dev.siprec.sip.codec.ParseResult.Failure} or a {@link dev.siprec.sip.codec.SipSyntaxException},
 * never as an unchecked surprise.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.siprec.sip.codec;
