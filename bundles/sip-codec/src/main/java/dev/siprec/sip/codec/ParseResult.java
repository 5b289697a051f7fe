package dev.siprec.sip.codec;

import java.util.Objects;

import dev.siprec.sip.api.SipMessage;

/**
 * Outcome of {@link SipParser#parse(byte[])}: a parsed message, or the status code the stack should
 * answer with (RFC 3261 §8.2, §21) plus whatever could be salvaged to build that answer.
 */
public sealed interface ParseResult permits ParseResult.Success, ParseResult.Failure {

    /**
     * A syntactically valid message.
     *
     * @param message a {@link ParsedRequest} or a {@link ParsedResponse}
     */
    record Success(SipMessage message) implements ParseResult {
        /** @throws NullPointerException if {@code message} is null */
        public Success {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A message that cannot be processed.
     *
     * @param status {@code 400} syntax error, {@code 413} body too large, {@code 513} message or
     *        header section too large, {@code 505} unsupported SIP version
     * @param reason short text for logs and the response reason phrase (no CR/LF)
     * @param partial the request line and the headers needed for a response ({@code Via},
     *        {@code From}, {@code To}, {@code Call-ID}, {@code CSeq}) that could be salvaged, or
     *        {@code null} when the input is not a recognisable request (a response or junk: no
     *        answer is possible, RFC 3261 §18.1.2)
     */
    record Failure(int status, String reason, ParsedRequest partial) implements ParseResult {
        /** @throws IllegalArgumentException if {@code status} is not 400–699 */
        public Failure {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("not an error status: " + status);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }
}
