package dev.siprec.sip.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the requests the SIP core does not answer itself. The recording-session bundle registers
 * one; with several, the core uses the one with the highest service ranking.
 *
 * <p>The core never answers {@code 420 Bad Extension} (RFC 3261 §8.2.2.3) for an option tag that a
 * registered handler lists in {@link #OPTION_TAGS}, and lists those tags in {@code Supported} of
 * its responses (OPTIONS included).
 */
@ConsumerType
public interface SipRequestHandler {

    /** Service property, {@code String+}: option tags this handler supports, e.g. {@code siprec} (RFC 7866 §6.1.1), {@code timer} (RFC 4028). */
    String OPTION_TAGS = "sip.option.tags";

    /** Service property, {@code String+}: methods this handler takes, e.g. {@code INVITE}, {@code BYE}, {@code UPDATE}, {@code INFO}; others get {@code 405} with {@code Allow}. */
    String METHODS = "sip.methods";

    /** Service property, {@code String+}: body media types this handler accepts, listed in {@code Accept} (RFC 3261 §20.1). */
    String ACCEPT = "sip.accept";

    /**
     * Service property, {@code Boolean} (or {@code "true"}): the handler promises that {@link #handle} never blocks
     * (no lock held by slow work, no file or network wait: it hands such work to executors of its own). The core then
     * calls it on the transport's thread, one thread hand-off less per request; without it (the default) each request
     * goes through the core's {@code handler.threads} pool, with {@code 503} when that pool's queue is full.
     *
     * @since 0.3
     */
    String INLINE = "sip.handler.inline";

    /**
     * Handles one request. Called on a core thread: blocking work (files, XML) must move elsewhere;
     * the response may be sent later through {@link ServerRequest#respond(OutgoingResponse)}.
     * An exception thrown here makes the core answer {@code 500}.
     */
    void handle(ServerRequest request);

    /**
     * A dialog ended without a BYE passing through {@link #handle}: session-timer expiry
     * (RFC 4028 §10), transport loss, or shutdown.
     *
     * @param reason a short text for logs and the session summary
     */
    default void dialogTerminated(Dialog dialog, String reason) {
    }

    /**
     * Admission, asked for every request before the core sends anything back: before
     * {@code 100 Trying}, before any retransmission and before any transaction state is kept
     * (RFC 7866 §12: the SRS authorizes recording clients; RFC 3261 §26.3.2.4: no reflection).
     * A refused request gets one stateless final response or nothing, as the core is configured.
     * Called on a transport I/O thread: it must not block.
     *
     * @param flow the flow the request arrived on, with its TLS details
     * @return the reason to refuse (for logs only, never sent), or empty to admit
     */
    default Optional<String> refusal(SipConnection flow) {
        return Optional.empty();
    }
}
