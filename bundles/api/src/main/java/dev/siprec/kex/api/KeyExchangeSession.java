package dev.siprec.kex.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The key exchange state of one recording session (one SIP dialog): the keys committed per
 * m-line index, and for DTLS-SRTP the associations. Called by the SDP answerer under its own
 * lock, one offer at a time; {@link MediaKeys} may be read from other threads.
 */
@ConsumerType
public interface KeyExchangeSession extends AutoCloseable {

    /**
     * Evaluates one offered m-line and proposes what the answer carries for it. Nothing changes in
     * the session until {@link KeyingProposal#commit()}; a re-offer whose keying is unchanged may
     * propose the committed keys again (RFC 4568 §7.1.4: the answerer keeps its key). Never throws
     * for bad input: a malformed or unacceptable offer is a refused proposal with its reason.
     */
    KeyingProposal propose(KeyingRequest request);

    /**
     * The answer just sent keys the m-line {@code index} without this key exchange (refused, plain
     * RTP, or keyed by another one): wipes what was committed for it. Nothing happens when nothing was.
     */
    void release(int index);

    /** Ends the session: wipes every key it holds, committed or proposed, and closes associations. */
    @Override
    void close();
}
