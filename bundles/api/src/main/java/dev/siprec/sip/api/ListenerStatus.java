package dev.siprec.sip.api;

import java.time.Instant;
import java.util.Map;

/**
 * What an operator sees of one listener.
 *
 * @param state the listener's state
 * @param reason why it is not {@link State#LISTENING}, or {@code null}
 * @param since when it entered {@code state}
 * @param connections open connections (stream transports) or recently seen peers (UDP)
 * @param received messages handed to the core
 * @param errors framing, handshake and I/O errors counted so far
 * @param details transport-specific facts, e.g. {@code tls.protocols}, {@code certificate.subject}, {@code certificate.notAfter}
 */
public record ListenerStatus(State state, String reason, Instant since, int connections, long received,
                             long errors, Map<String, String> details) {

    /** Lifecycle of a listener. */
    public enum State {
        /** Bound and accepting. */
        LISTENING,
        /** The address could not be bound or the credentials could not be loaded; see the reason. */
        FAILED,
        /** Closed by configuration change or shutdown. */
        CLOSED
    }

    public ListenerStatus {
        details = Map.copyOf(details);
    }
}
