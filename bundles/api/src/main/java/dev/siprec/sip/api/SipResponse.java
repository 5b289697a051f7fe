package dev.siprec.sip.api;

import org.osgi.annotation.versioning.ProviderType;

/** A SIP response (RFC 3261 §7.2). */
@ProviderType
public interface SipResponse extends SipMessage {

    /** @return the status code, 100–699. */
    int statusCode();

    /** @return the reason phrase as sent. */
    String reasonPhrase();
}
