package dev.siprec.sip.core.internal;

import dev.siprec.sip.api.SipConnection;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 with the "Accepted" state of RFC 6026 §7.1.
 *
 * <pre>
 *  Proceeding --1xx--> Proceeding
 *  Proceeding --2xx--> Accepted  (2xx retransmitted T1..T2 until ACK, §13.3.1.4; Timer L)
 *  Proceeding --3xx-6xx--> Completed (Timer G retransmits, Timer H) --ACK--> Confirmed (Timer I)
 * </pre>
 */
final class ServerInviteTransaction extends Transaction {

    /** States of Figure 7 of RFC 3261 as amended by RFC 6026 Figure 5. */
    enum State { PROCEEDING, ACCEPTED, COMPLETED, CONFIRMED, TERMINATED }

    /** What the transaction user hears about. */
    interface Listener extends Owner {
        /** Timer L fired and no ACK for the 2xx arrived (RFC 3261 §13.3.1.4: the UAS should end the session). */
        void noAckFor2xx(ServerInviteTransaction tx);

        /** Timer H fired: no ACK for the final non-2xx response (§17.2.1). */
        default void noAckForFinal(ServerInviteTransaction tx) {
        }
    }

    private final Listener listener;
    private State state = State.PROCEEDING;
    private byte[] lastResponse;
    private int lastStatus;
    private boolean ackedFor2xx;
    private long retransmitInterval;
    private SipTimers.Timer retransmitTimer;
    private SipTimers.Timer timeoutTimer;
    private SipTimers.Timer timerI;

    ServerInviteTransaction(TransactionKey key, SipConnection flow, SipTimers timers, TimerSettings t, Listener listener) {
        super(key, flow, timers, t, listener);
        this.listener = listener;
    }

    synchronized State state() {
        return state;
    }

    /** @return the status of the last response sent, 0 before any. */
    synchronized int lastStatus() {
        return lastStatus;
    }

    @Override
    synchronized boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** @return whether an ACK for the 2xx arrived. */
    synchronized boolean ackedFor2xx() {
        return ackedFor2xx;
    }

    /**
     * The TU sends a response.
     *
     * @return {@code false} when the transaction cannot send it any more (a final response was sent)
     */
    boolean respond(int status, byte[] message) {
        boolean sent;
        synchronized (this) {
            sent = state == State.PROCEEDING && proceeding(status, message);
        }
        if (isTerminated()) {
            notifyTerminated();
        }
        return sent;
    }

    /** A retransmission of the INVITE arrived (§17.2.1): answered with the last response where the RFC says so. */
    synchronized void requestRetransmitted() {
        switch (state) {
            case PROCEEDING, COMPLETED -> {
                if (lastResponse != null) {
                    transmit(lastResponse);
                }
            }
            // RFC 6026 §7.1: retransmitted INVITEs in Accepted are absorbed (the 2xx timer retransmits).
            case ACCEPTED, CONFIRMED, TERMINATED -> { }
        }
    }

    /** An ACK with this transaction's branch (ACK for a non-2xx final response). */
    synchronized void ackReceived() {
        if (state == State.COMPLETED) {
            completedAck();
        }
    }

    /** The dialog matched the ACK for our 2xx (§13.3.1.4): stop retransmitting the 2xx. */
    synchronized void ackFor2xxReceived() {
        if (state == State.ACCEPTED && !ackedFor2xx) {
            ackedFor2xx = true;
            cancel(retransmitTimer);
        }
    }

    /** §17.2.1 Proceeding: provisional responses keep it there, a 2xx moves to Accepted, 3xx-6xx to Completed. */
    private boolean proceeding(int status, byte[] message) {
        retainInstead(lastResponse, message);
        lastResponse = message;
        lastStatus = status;
        transmit(message);
        if (status < 200) {
            return true;
        }
        if (status < 300) {
            enterAccepted();
        } else {
            enterCompleted();
        }
        return true;
    }

    /** RFC 6026 §7.1 Accepted: the 2xx is retransmitted (§13.3.1.4) until ACK; Timer L = 64*T1 ends it. */
    private void enterAccepted() {
        state = State.ACCEPTED;
        retransmitInterval = t.t1();
        retransmitTimer = timers.schedule(retransmitInterval, this::retransmit2xx);
        timeoutTimer = timers.schedule(t.timeout(), this::timerL);
    }

    private void retransmit2xx() {
        synchronized (this) {
            if (state != State.ACCEPTED || ackedFor2xx) {
                return;
            }
            transmit(lastResponse);
            retransmitInterval = Math.min(2 * retransmitInterval, t.t2());
            retransmitTimer = timers.schedule(retransmitInterval, this::retransmit2xx);
        }
    }

    /** Timer L (RFC 6026 §8.7): leaves Accepted; without an ACK the TU ends the session (§13.3.1.4). */
    private void timerL() {
        boolean noAck;
        synchronized (this) {
            if (state != State.ACCEPTED) {
                return;
            }
            noAck = !ackedFor2xx;
            cancel(retransmitTimer);
            state = State.TERMINATED;
        }
        notifyTerminated();
        if (noAck) {
            listener.noAckFor2xx(this);
        }
    }

    /** §17.2.1 Completed: Timer G retransmits over unreliable transports, Timer H bounds the wait for ACK. */
    private void enterCompleted() {
        state = State.COMPLETED;
        if (!reliable) {
            retransmitInterval = t.t1();
            retransmitTimer = timers.schedule(retransmitInterval, this::timerG);
        }
        timeoutTimer = timers.schedule(t.timeout(), this::timerH);
    }

    /** Timer G: retransmit the final response, interval doubling up to T2. */
    private void timerG() {
        synchronized (this) {
            if (state != State.COMPLETED) {
                return;
            }
            transmit(lastResponse);
            retransmitInterval = Math.min(2 * retransmitInterval, t.t2());
            retransmitTimer = timers.schedule(retransmitInterval, this::timerG);
        }
    }

    /** Timer H: no ACK arrived; a transaction timeout (§17.2.1). */
    private void timerH() {
        synchronized (this) {
            if (state != State.COMPLETED) {
                return;
            }
            cancel(retransmitTimer);
            state = State.TERMINATED;
        }
        notifyTerminated();
        listener.noAckForFinal(this);
    }

    /** §17.2.1 Completed + ACK: Confirmed, absorbing further ACKs for Timer I (T4, zero when reliable). */
    private void completedAck() {
        cancel(retransmitTimer);
        cancel(timeoutTimer);
        state = State.CONFIRMED;
        timerI = timers.schedule(reliable ? 0 : t.t4(), this::confirmed);
    }

    /** §17.2.1 Confirmed: Timer I fired, the transaction terminates. */
    private void confirmed() {
        synchronized (this) {
            if (state != State.CONFIRMED) {
                return;
            }
            state = State.TERMINATED;
        }
        notifyTerminated();
    }

    @Override
    void abort() {
        synchronized (this) {
            cancel(retransmitTimer);
            cancel(timeoutTimer);
            cancel(timerI);
            state = State.TERMINATED;
        }
        notifyTerminated();
    }
}
