package dev.siprec.sip.codec;

/**
 * Size limits applied while parsing and framing SIP messages. A breach yields a typed failure
 * ({@code 413} or {@code 513}, RFC 3261 §21.4.11 and §21.5.14), never an exception or an unbounded
 * allocation.
 *
 * @param maxMessageBytes largest whole message (start line, headers and body)
 * @param maxHeaderBytes largest header section (start line and header fields, without the body)
 * @param maxHeaders largest number of header field lines
 * @param maxLineLength longest physical line in the header section
 * @param maxBodyParts most parts accepted in a multipart body (RFC 2046), nested parts included
 */
public record SipLimits(int maxMessageBytes, int maxHeaderBytes, int maxHeaders, int maxLineLength, int maxBodyParts) {

    /** Compact validation: every limit must be positive and the header limit within the message limit. */
    public SipLimits {
        if (maxMessageBytes <= 0 || maxHeaderBytes <= 0 || maxHeaders <= 0 || maxLineLength <= 0 || maxBodyParts <= 0) {
            throw new IllegalArgumentException("SIP limits must be positive: " + maxMessageBytes + "/" + maxHeaderBytes
                    + "/" + maxHeaders + "/" + maxLineLength + "/" + maxBodyParts);
        }
        if (maxHeaderBytes > maxMessageBytes) {
            throw new IllegalArgumentException("maxHeaderBytes " + maxHeaderBytes + " exceeds maxMessageBytes " + maxMessageBytes);
        }
    }

    /** @return 64 KiB messages, 16 KiB header section, 256 header lines, 8 KiB lines, 16 body parts */
    public static SipLimits defaults() {
        return new SipLimits(65536, 16384, 256, 8192, 16);
    }
}
