package dev.siprec.sip.core.internal;

import dev.siprec.sip.api.SipConnection;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8): Trying, Proceeding, Completed
 * (Timer J = 64*T1 over unreliable transports, zero over reliable ones), Terminated.
 */
final class ServerNonInviteTransaction extends Transaction {

    /** States of Figure 8. */
    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private State state = State.TRYING;
    private byte[] lastResponse;
    private SipTimers.Timer timerJ;

    ServerNonInviteTransaction(TransactionKey key, SipConnection flow, SipTimers timers, TimerSettings t, Owner owner) {
        super(key, flow, timers, t, owner);
    }

    synchronized State state() {
        return state;
    }

    @Override
    synchronized boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /**
     * The TU sends a response.
     *
     * @return {@code false} when a final response was already sent
     */
    boolean respond(int status, byte[] message) {
        boolean sent;
        synchronized (this) {
            sent = switch (state) {
                case TRYING -> trying(status, message);
                case PROCEEDING -> proceeding(status, message);
                case COMPLETED, TERMINATED -> false;
            };
        }
        if (isTerminated()) {
            notifyTerminated();
        }
        return sent;
    }

    /** A retransmission of the request: §17.2.2 says absorb in Trying, resend the last response otherwise. */
    synchronized void requestRetransmitted() {
        if ((state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null) {
            transmit(lastResponse);
        }
    }

    /** §17.2.2 Trying: a provisional moves to Proceeding, a final to Completed. */
    private boolean trying(int status, byte[] message) {
        retainInstead(lastResponse, message);
        lastResponse = message;
        transmit(message);
        if (status < 200) {
            state = State.PROCEEDING;
        } else {
            enterCompleted();
        }
        return true;
    }

    /** §17.2.2 Proceeding: further provisionals are sent, a final response moves to Completed. */
    private boolean proceeding(int status, byte[] message) {
        retainInstead(lastResponse, message);
        lastResponse = message;
        transmit(message);
        if (status >= 200) {
            enterCompleted();
        }
        return true;
    }

    /** §17.2.2 Completed: keep the final response for retransmissions until Timer J fires. */
    private void enterCompleted() {
        state = State.COMPLETED;
        long j = reliable ? 0 : t.timeout();
        timerJ = timers.schedule(j, this::timerJ);
    }

    /** Timer J: Completed -> Terminated. */
    private void timerJ() {
        synchronized (this) {
            if (state != State.COMPLETED) {
                return;
            }
            state = State.TERMINATED;
        }
        notifyTerminated();
    }

    @Override
    void abort() {
        synchronized (this) {
            cancel(timerJ);
            state = State.TERMINATED;
        }
        notifyTerminated();
    }
}
