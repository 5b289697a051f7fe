package dev.siprec.sip.transport.common;

import org.osgi.annotation.versioning.ConsumerType;

import dev.siprec.sip.api.SipTransport;

/**
 * A listener that a {@link ListenerHandle} can start, mark failed, register and close: what every
 * transport bundle (UDP, TCP, TLS, WS, WSS) implements so that all of them move, fail and publish
 * service properties the same way.
 */
@ConsumerType
public interface ManagedListener extends SipTransport {

    /**
     * Binds and starts serving. A failure does not throw: the listener reports
     * {@code ListenerStatus.State.FAILED} with the reason (logged at ERROR by the listener).
     *
     * @return whether the listener is listening
     */
    boolean start();

    /** Marks the listener failed without starting it (e.g. credentials that cannot be loaded). */
    void fail(String reason);

    /** Closes the listener socket and every connection; idempotent. */
    void close();
}
