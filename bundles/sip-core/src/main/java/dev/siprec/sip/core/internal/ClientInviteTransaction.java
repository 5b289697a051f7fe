package dev.siprec.sip.core.internal;

import java.util.function.Function;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipResponse;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 with the "Accepted" state of RFC 6026 §8.4:
 * Calling (Timers A and B), Proceeding, Completed (ACK for non-2xx, Timer D), Accepted (Timer M),
 * Terminated. Used for re-INVITEs the server sends (session refresh).
 */
final class ClientInviteTransaction extends Transaction {

    /** States of RFC 6026 Figure 4. */
    enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    private final byte[] request;
    private final Function<SipResponse, byte[]> ackForFinal;
    private final ClientListener listener;
    private State state = State.CALLING;
    private byte[] ack;
    private long intervalA;
    private SipTimers.Timer timerA;
    private SipTimers.Timer timerB;
    private SipTimers.Timer timerDorM;

    /**
     * @param ackForFinal builds the ACK for a 3xx-6xx response (§17.1.1.3)
     */
    ClientInviteTransaction(TransactionKey key, SipConnection flow, SipTimers timers, TimerSettings t, Owner owner,
                            byte[] request, Function<SipResponse, byte[]> ackForFinal, ClientListener listener) {
        super(key, flow, timers, t, owner);
        this.request = request;
        this.ackForFinal = ackForFinal;
        this.listener = listener;
    }

    synchronized State state() {
        return state;
    }

    @Override
    synchronized boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** Sends the INVITE and enters Calling (§17.1.1.2). */
    void start() {
        boolean sent;
        synchronized (this) {
            sent = transmit(request);
            if (sent) {
                if (!reliable) {
                    intervalA = t.t1();
                    timerA = timers.schedule(intervalA, this::timerA);
                }
                timerB = timers.schedule(t.timeout(), this::timerB);
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
                case CALLING, PROCEEDING -> callingOrProceeding(response);
                case COMPLETED -> completed(response);
                case ACCEPTED -> accepted(response);
                case TERMINATED -> false;
            };
        }
        if (passUp) {
            listener.response(response);
        }
    }

    /** Timer A (§17.1.1.2): retransmit the INVITE, doubling the interval. */
    private void timerA() {
        synchronized (this) {
            if (state != State.CALLING) {
                return;
            }
            transmit(request);
            intervalA *= 2;
            timerA = timers.schedule(intervalA, this::timerA);
        }
    }

    /** Timer B (§17.1.1.2): still Calling after 64*T1, a timeout. */
    private void timerB() {
        synchronized (this) {
            if (state != State.CALLING) {
                return;
            }
            cancel(timerA);
            state = State.TERMINATED;
        }
        notifyTerminated();
        listener.timeout();
    }

    /** §17.1.1.2 Calling and Proceeding: 1xx to Proceeding, 2xx to Accepted, 3xx-6xx to Completed. */
    private boolean callingOrProceeding(SipResponse response) {
        int status = response.statusCode();
        cancel(timerA);
        if (status < 200) {
            state = State.PROCEEDING;
            return true;
        }
        cancel(timerB);
        if (status < 300) {
            state = State.ACCEPTED;
            timerDorM = timers.schedule(t.timeout(), terminateFrom(State.ACCEPTED));
        } else {
            state = State.COMPLETED;
            ack = ackForFinal.apply(response);
            transmit(ack);
            timerDorM = timers.schedule(t.timerD(reliable), terminateFrom(State.COMPLETED));
        }
        return true;
    }

    /** §17.1.1.2 Completed: a retransmitted final response gets the ACK again and is not passed up. */
    private boolean completed(SipResponse response) {
        if (response.statusCode() >= 300 && ack != null) {
            transmit(ack);
        }
        return false;
    }

    /** RFC 6026 §8.4 Accepted: retransmitted 2xx go to the TU (which re-sends its ACK); others are dropped. */
    private boolean accepted(SipResponse response) {
        int status = response.statusCode();
        return status >= 200 && status < 300;
    }

    /** Timer D (Completed) or Timer M (Accepted) fired. */
    private Runnable terminateFrom(State expected) {
        return () -> {
            synchronized (this) {
                if (state != expected) {
                    return;
                }
                state = State.TERMINATED;
            }
            notifyTerminated();
        };
    }

    @Override
    void abort() {
        synchronized (this) {
            cancel(timerA);
            cancel(timerB);
            cancel(timerDorM);
            state = State.TERMINATED;
        }
        notifyTerminated();
    }
}
