package dev.siprec.sip.api;

import org.osgi.annotation.versioning.ProviderType;

/** A SIP request (RFC 3261 §7.1). */
@ProviderType
public interface SipRequest extends SipMessage {

    /** @return the method, e.g. {@code INVITE}; extension methods are kept as sent (case-sensitive, RFC 3261 §7.1). */
    String method();

    /** @return the Request-URI as sent. */
    String requestUri();
}
