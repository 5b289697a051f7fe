package dev.siprec.sdp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Parses and formats session descriptions (RFC 8866) and RFC 4568 {@code a=crypto} values, within
 * configured {@link SdpLimits}. Parsing is strict where meaning depends on it ({@code v=},
 * {@code o=}, {@code s=}, {@code m=}, {@code c=}, port ranges, IPv4/IPv6 literals) and tolerant of
 * what real clients send (LF or CRLF, trailing white space, blank lines, unknown lines and
 * attributes, which are kept in order). Formatting writes CRLF line ends and the field order of
 * RFC 8866 §5.
 */
@ProviderType
public interface SdpCodec {

    /**
     * Parses a body as carried in SIP ({@code application/sdp}, UTF-8 per RFC 8866 §5).
     *
     * @throws SdpParseException with the line and reason when the body is malformed or over a limit
     */
    SessionDescription parse(byte[] body) throws SdpParseException;

    /** Parses text; see {@link #parse(byte[])}. */
    SessionDescription parse(String text) throws SdpParseException;

    /** @return the description as text with CRLF line ends, ready for a SIP body. */
    String format(SessionDescription description);

    /**
     * Parses the value of an {@code a=crypto} attribute (RFC 4568 §9.1, the text after the colon).
     * Checks syntax, base64, lifetimes, MKIs (one length, distinct values when several keys, §6.1)
     * and the values of the known session parameters (§6.3); whether the keys fit the suite's
     * lengths and lifetime is checked during negotiation, where the suite is known.
     *
     * @throws SdpParseException with the reason; the message never contains key material
     */
    CryptoAttribute parseCrypto(String value) throws SdpParseException;

    /** @return the attribute value for {@code a=crypto:} (RFC 4568 §9.1). */
    String formatCrypto(CryptoAttribute crypto);
}
