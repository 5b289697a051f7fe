package dev.siprec.sip.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A request the SIP core hands to the {@link SipRequestHandler}, with its server transaction
 * (RFC 3261 §17.2) behind it. The core has already sent {@code 100 Trying} for INVITE, checked
 * {@code Require} against the handlers' option tags and matched in-dialog requests to their dialog.
 *
 * <p>The handler answers exactly once with a final response, possibly from another thread and
 * after provisional responses. The transaction retransmits and absorbs retransmissions itself; for a
 * 2xx to INVITE the core retransmits until the ACK arrives (RFC 3261 §13.3.1.4, RFC 6026).
 */
@ProviderType
public interface ServerRequest {

    /** @return the request. */
    SipRequest request();

    /** @return the flow it arrived on. */
    SipConnection connection();

    /**
     * @return the server's Contact URI for this request's flow in angle brackets, e.g.
     *         {@code <sip:192.0.2.1:5060>} or {@code <sip:[2001:db8::1]:5061;transport=tls>}
     *         (RFC 3261 §8.1.1.8, §12.1.1; IPv6 as RFC 5952 text): the core's
     *         {@code advertised.host}, else the listener's address, else the host the client
     *         addressed. Header parameters (such as {@code +sip.srs}) may be appended after it.
     */
    String localContact();

    /**
     * @return the dialog the request belongs to: for in-dialog requests from the start; for an
     *         initial INVITE once a 2xx has been sent through {@link #respond(OutgoingResponse)}
     */
    Optional<Dialog> dialog();

    /**
     * Sends a response. Provisional responses (1xx) may be sent any number of times before one
     * final response; a 2xx to an initial INVITE creates the dialog.
     *
     * @throws IllegalStateException when a final response was already sent, or the request was cancelled
     */
    void respond(OutgoingResponse response);

    /** @return {@code true} once a CANCEL for this INVITE arrived; the core then answered {@code 487} itself (RFC 3261 §9.2). */
    boolean isCancelled();

    /**
     * Registers an action run once if the request is cancelled (RFC 3261 §9.2), on a core thread.
     * Run at once if it already is.
     */
    void onCancel(Runnable action);
}
