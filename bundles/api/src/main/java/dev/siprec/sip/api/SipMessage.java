package dev.siprec.sip.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A parsed SIP message (RFC 3261 §7), read-only. Header names are matched case-insensitively and
 * compact forms are equivalent to their long forms (RFC 3261 §7.3.3): {@code header("i")} and
 * {@code header("Call-ID")} return the same value.
 */
@ProviderType
public interface SipMessage {

    /** @return the first value of the header, or {@code null} if absent. */
    String header(String name);

    /**
     * @return every value of the header in order, repeated header lines and comma-separated values
     *         (where RFC 3261 §7.3.1 allows them) flattened into one list; empty if absent
     */
    List<String> headers(String name);

    /** @return the header names in the order they appeared, in their canonical long form. */
    List<String> headerNames();

    /** @return the message body, exactly {@code Content-Length} bytes; empty, never {@code null}. */
    byte[] body();

    /** @return the {@code Content-Type} media type without parameters, lower case, if any. */
    Optional<String> contentType();

    /** @return the {@code Call-ID} (RFC 3261 §20.8). */
    String callId();

    /** @return the {@code CSeq} sequence number (RFC 3261 §20.16). */
    long cseq();

    /** @return the {@code CSeq} method. */
    String cseqMethod();

    /** @return the {@code tag} parameter of {@code From}, or {@code null}. */
    String fromTag();

    /** @return the {@code tag} parameter of {@code To}, or {@code null}. */
    String toTag();

    /** @return the message serialized to wire form (RFC 3261 §7). */
    byte[] encode();
}
