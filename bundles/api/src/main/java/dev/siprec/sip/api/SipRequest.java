package dev.siprec.sip.api;

import org.osgi.annotation.versioning.ProviderType;

/** A SIP request (RFC 3261 §7.1). */
@ProviderType
public interface SipRequest extends SipMessage {

    /** @return the method, e.g. {@code INVITE}; extension methods are kept as sent (case-sensitive, RFC 3261 §7.1). */
    String method();

    /** @return the Request-URI as sent. */
    String requestUri();

    /**
     * @return the deviations from RFC 3261 the core accepted in this request rather than refuse a
     *         recording (a Contact without its closing {@code >}, a URI user part kept as opaque text,
     *         an ACK whose CSeq names INVITE...), one short note each; empty for a conforming request.
     *         Only unambiguous cases are accepted; the session layer may record the notes.
     */
    default java.util.List<String> tolerated() {
        return java.util.List.of();
    }
}
