package dev.siprec.sip.core.internal;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipResponse;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6): Trying (Timers E and F),
 * Proceeding, Completed (Timer K), Terminated. Used for BYE, UPDATE, INFO and OPTIONS the server sends.
 */
final class ClientNonInviteTransaction extends Transaction {

    /** States of Figure 6. */
    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final byte[] request;
    private final ClientListener listener;
    private State state = State.TRYING;
    private long intervalE;
    private SipTimers.Timer timerE;
    private SipTimers.Timer timerF;
    private SipTimers.Timer timerK;

    ClientNonInviteTransaction(TransactionKey key, SipConnection flow, SipTimers timers, TimerSettings t, Owner owner,
                               byte[] request, ClientListener listener) {
        super(key, flow, timers, t, owner);
        this.request = request;
        this.listener = listener;
    }

    synchronized State state() {
        return state;
    }

    @Override
    synchronized boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** Sends the request and enters Trying (§17.1.2.2). */
    void start() {
        boolean sent;
        synchronized (this) {
            sent = transmit(request);
            if (sent) {
                if (!reliable) {
                    intervalE = t.t1();
                    timerE = timers.schedule(intervalE, this::timerE);
                }
                timerF = timers.schedule(t.timeout(), this::timerF);
            } else {
                state = State.TERMINATED;
            }
        }
        if (!sent) {
            notifyTerminated();
            listener.transportError();
        }
    }

    /** A response matched this transaction (§17.1.3). */
    void responseReceived(SipResponse response) {
        boolean passUp;
        synchronized (this) {
            passUp = switch (state) {
                case TRYING -> trying(response);
                case PROCEEDING -> proceeding(response);
                case COMPLETED, TERMINATED -> false;
            };
        }
        if (passUp) {
            listener.response(response);
        }
    }

    /** §17.1.2.2 Trying: a provisional moves to Proceeding, a final to Completed. */
    private boolean trying(SipResponse response) {
        if (response.statusCode() < 200) {
            state = State.PROCEEDING;
        } else {
            enterCompleted();
        }
        return true;
    }

    /** §17.1.2.2 Proceeding: Timer E now fires every T2; a final response moves to Completed. */
    private boolean proceeding(SipResponse response) {
        if (response.statusCode() >= 200) {
            enterCompleted();
        }
        return true;
    }

    /** Timer E: retransmit; the interval doubles up to T2 in Trying and is T2 in Proceeding. */
    private void timerE() {
        synchronized (this) {
            if (state != State.TRYING && state != State.PROCEEDING) {
                return;
            }
            transmit(request);
            intervalE = state == State.TRYING ? Math.min(2 * intervalE, t.t2()) : t.t2();
            timerE = timers.schedule(intervalE, this::timerE);
        }
    }

    /** Timer F: no final response within 64*T1. */
    private void timerF() {
        synchronized (this) {
            if (state != State.TRYING && state != State.PROCEEDING) {
                return;
            }
            cancel(timerE);
            state = State.TERMINATED;
        }
        notifyTerminated();
        listener.timeout();
    }

    /** §17.1.2.2 Completed: buffer response retransmissions for Timer K (T4, zero when reliable). */
    private void enterCompleted() {
        cancel(timerE);
        cancel(timerF);
        state = State.COMPLETED;
        timerK = timers.schedule(reliable ? 0 : t.t4(), this::timerK);
    }

    /** Timer K: Completed -> Terminated. */
    private void timerK() {
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
            cancel(timerE);
            cancel(timerF);
            cancel(timerK);
            state = State.TERMINATED;
        }
        notifyTerminated();
    }
}
