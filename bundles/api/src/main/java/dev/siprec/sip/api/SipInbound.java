package dev.siprec.sip.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The handoff from a transport to the SIP core: one framed message, as bytes, with the flow it came
 * on. Implemented by the SIP core; called on the transport's I/O thread, so it must not block.
 */
@ProviderType
public interface SipInbound {

    /**
     * One complete message (a datagram, or one {@code Content-Length}-framed message of a stream).
     * The array is handed over: the transport does not reuse it.
     *
     * @param connection the flow the bytes arrived on; responses are sent back over it
     * @param message the bytes of exactly one message, at most the transport's size limit
     */
    void received(SipConnection connection, byte[] message);

    /**
     * A stream transport gave up on framing input from {@code connection} (oversized header block,
     * invalid or missing {@code Content-Length} on a stream, RFC 3261 §18.3). The core may answer
     * with {@code 400}/{@code 413}/{@code 513} from the partial bytes before the transport closes
     * the flow.
     *
     * @param partial what was read of the offending message (possibly truncated)
     * @param reason a short text for logs and the response reason phrase
     */
    void framingError(SipConnection connection, byte[] partial, String reason);

    /**
     * As {@link #framingError(SipConnection, byte[], String)} with the status the framer chose:
     * {@code 400} (syntax, missing {@code Content-Length} on a stream), {@code 413} (body too large)
     * or {@code 513} (header section or message too large, RFC 3261 §21.5.14). Transports that know
     * the status (e.g. from the codec's {@code StreamFramer}) should call this one.
     *
     * @param status 400, 413 or 513
     */
    default void framingError(SipConnection connection, byte[] partial, int status, String reason) {
        framingError(connection, partial, reason);
    }

    /**
     * Whether a dialog (RFC 3261 §12) of the core currently uses {@code connection} as its flow. A
     * stream transport asks this before it closes a connection that has carried no SIP message for
     * its {@code max.idle.without.dialog.seconds}: a connection that only sends keep-alives (RFC 5626
     * §4.4.1) and belongs to no dialog must not hold a slot forever, while one a dialog still needs
     * is kept. Cheap and non-blocking; may be called on a transport's I/O thread.
     *
     * <p>The default answers {@code true}, so that a core that does not track this never has a
     * connection closed under a dialog.
     */
    default boolean carriesDialog(SipConnection connection) {
        return true;
    }
}
