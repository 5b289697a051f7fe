package dev.siprec.sdp.api;

/**
 * Bounds applied while parsing a session description, so that a hostile body costs bounded memory
 * and time (RFC 8866 §7 asks parsers to be robust).
 *
 * @param maxBytes largest body, in bytes (or characters for text input)
 * @param maxLines most lines in a body
 * @param maxLineLength longest line, in characters
 * @param maxMedia most {@code m=} sections
 * @param maxAttributes most {@code a=} lines per section (session level or one m-section)
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMedia, int maxAttributes) {
    /** 64 KiB, 4096 lines of up to 4096 characters, 64 m-sections, 256 attributes per section. */
    public static final SdpLimits DEFAULT = new SdpLimits(65536, 4096, 4096, 64, 256);

    public SdpLimits {
        if (maxBytes < 64 || maxLines < 4 || maxLineLength < 16 || maxMedia < 1 || maxAttributes < 1) {
            throw new IllegalArgumentException("SDP limits too small: " + maxBytes + " bytes, " + maxLines + " lines, "
                    + maxLineLength + " chars per line, " + maxMedia + " m-lines, " + maxAttributes + " attributes");
        }
    }
}
