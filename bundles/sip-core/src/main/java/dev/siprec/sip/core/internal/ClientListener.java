package dev.siprec.sip.core.internal;

import dev.siprec.sip.api.SipResponse;

/** What a client transaction reports to its transaction user (RFC 3261 §17.1). */
interface ClientListener {

    /** A response to pass up: provisionals, the final one, and (INVITE) retransmitted 2xx. */
    void response(SipResponse response);

    /** Timer B or F fired without a final response (§17.1.1.2, §17.1.2.2): the TU treats it as 408. */
    void timeout();

    /** The request could not be sent (§17.1.4): the TU treats it as 503. */
    void transportError();
}
