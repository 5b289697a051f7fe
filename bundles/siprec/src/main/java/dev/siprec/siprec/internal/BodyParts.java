package dev.siprec.siprec.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.siprec.sip.api.SipMessage;
import dev.siprec.sip.codec.BodyPart;
import dev.siprec.sip.codec.ContentType;
import dev.siprec.sip.codec.MultipartParser;
import dev.siprec.sip.codec.SipLimits;
import dev.siprec.sip.codec.SipSyntaxException;

/**
 * Finds the SDP offer and the recording metadata in a request body (RFC 7866 §6.1.1, §9): a lone
 * {@code application/sdp}, a lone metadata body (UPDATE or re-INVITE with metadata only), or
 * {@code multipart/mixed} with both in any order, with or without {@code Content-Disposition}.
 * Metadata is {@code application/rs-metadata+xml} or the legacy {@code application/rs-metadata}.
 */
final class BodyParts {
    /** RFC 7865 §11.1. */
    static final String METADATA = "application/rs-metadata+xml";
    /** The media type used before RFC 7865. */
    static final String METADATA_LEGACY = "application/rs-metadata";
    static final String SDP = "application/sdp";
    static final String MULTIPART = "multipart/mixed";
    /** What the handler accepts, for {@code Accept} (RFC 3261 §20.1). */
    static final List<String> ACCEPTED = List.of(SDP, METADATA, METADATA_LEGACY, MULTIPART);

    private static final Set<String> METADATA_TYPES = Set.of(METADATA, METADATA_LEGACY);

    /**
     * @param sdp the SDP offer bytes, or {@code null}
     * @param metadata the metadata bytes, or {@code null}
     */
    record Extracted(byte[] sdp, byte[] metadata) {
    }

    /** A body that cannot be used: the status to answer and the reason. */
    static final class BodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        BodyException(int status, String reason) {
            super(reason);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final MultipartParser multipart;

    BodyParts(SipLimits limits) {
        this.multipart = new MultipartParser(limits);
    }

    /**
     * @throws BodyException 415 for a media type that is not accepted, 400 for a broken multipart body
     *         or one with several SDP or metadata parts
     */
    Extracted extract(SipMessage message) throws BodyException {
        byte[] body = message.body();
        if (body.length == 0) {
            return new Extracted(null, null);
        }
        String type = message.contentType().orElse(null);
        if (type == null) {
            throw new BodyException(400, "Body Without Content-Type");
        }
        type = type.toLowerCase(Locale.ROOT);
        if (type.equals(SDP)) {
            return new Extracted(body, null);
        }
        if (METADATA_TYPES.contains(type)) {
            return new Extracted(null, body);
        }
        if (!type.equals(MULTIPART)) {
            throw new BodyException(415, "Unsupported Media Type " + type);
        }
        List<BodyPart> parts;
        try {
            parts = multipart.parse(ContentType.parse(message.header("Content-Type")), body);
        } catch (SipSyntaxException e) {
            throw new BodyException(400, "Bad Multipart Body: " + e.reason());
        }
        byte[] sdp = null;
        byte[] metadata = null;
        for (BodyPart p : parts) {
            String t = p.mediaType();
            if (t.equals(SDP)) {
                if (sdp != null) {
                    throw new BodyException(400, "Several SDP Parts");
                }
                sdp = p.body();
            } else if (METADATA_TYPES.contains(t)) {
                if (metadata != null) {
                    throw new BodyException(400, "Several Metadata Parts");
                }
                metadata = p.body();
            } else if (required(p)) {
                throw new BodyException(415, "Unsupported Body Part " + t);
            }
        }
        if (sdp == null && metadata == null) {
            throw new BodyException(415, "Multipart Body Without SDP or Metadata");
        }
        return new Extracted(sdp, metadata);
    }

    /** A part whose {@code Content-Disposition} says {@code handling=required} (RFC 3261 §20.11, RFC 3204 §3.2). */
    private static boolean required(BodyPart p) {
        String d = p.contentDisposition();
        return d != null && d.toLowerCase(Locale.ROOT).replace(" ", "").contains("handling=required");
    }
}
