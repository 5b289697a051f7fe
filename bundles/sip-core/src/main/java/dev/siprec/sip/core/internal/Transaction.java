package dev.siprec.sip.core.internal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipConnection;

/**
 * Common parts of the RFC 3261 §17 transactions: the key, the flow, the timers and the
 * terminated notification. Each subclass is a state machine with one method per state; all
 * state changes happen under the transaction's monitor.
 */
abstract class Transaction {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    /** Notified when a transaction reaches its Terminated state, so that its table can drop it. */
    interface Owner {
        void terminated(Transaction tx);

        /** What a transaction keeps in memory changed by {@code delta} bytes (the {@code max.retained.bytes} budget). */
        default void retained(long delta) {
        }
    }

    protected final TransactionKey key;
    protected final SipConnection flow;
    protected final SipTimers timers;
    protected final TimerSettings t;
    protected final boolean reliable;
    private final Owner owner;
    private boolean terminatedNotified;
    private long retained;

    Transaction(TransactionKey key, SipConnection flow, SipTimers timers, TimerSettings t, Owner owner) {
        this.key = key;
        this.flow = flow;
        this.timers = timers;
        this.t = t;
        this.owner = owner;
        this.reliable = flow.transport().reliable();
    }

    TransactionKey key() {
        return key;
    }

    SipConnection flow() {
        return flow;
    }

    /** @return whether the transaction reached Terminated. */
    abstract boolean isTerminated();

    /** Forces the transaction to Terminated (transport gone, shutdown) without sending anything. */
    abstract void abort();

    /** Sends one message; an I/O failure is a transport error (§17.1.4, §17.2.4). */
    protected final boolean transmit(byte[] message) {
        try {
            flow.send(message);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("send on {} to {} failed: {}", flow.transport().transport(), flow.remote(), e.toString());
            return false;
        }
    }

    /**
     * Accounts {@code delta} more (or fewer) bytes kept by this transaction: the request while it
     * lives, the last response for retransmission. Nothing is accounted once terminated; the owner
     * releases the whole amount when it hears of the termination.
     */
    final void retain(long delta) {
        synchronized (this) {
            if (terminatedNotified || delta == 0) {
                return;
            }
            retained += delta;
        }
        owner.retained(delta);
    }

    /** Replaces a kept message by another: accounts the difference. */
    protected final void retainInstead(byte[] old, byte[] fresh) {
        retain((long) (fresh == null ? 0 : fresh.length) - (old == null ? 0 : old.length));
    }

    /** @return the bytes this transaction holds (request and last response). */
    final synchronized long retainedBytes() {
        return retained;
    }

    protected final void notifyTerminated() {
        boolean first;
        synchronized (this) {
            first = !terminatedNotified;
            terminatedNotified = true;
        }
        if (first) {
            owner.terminated(this);
        }
    }

    protected static void cancel(SipTimers.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
