package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.siprec.sip.api.SipTransport;

/**
 * The live transactions, server and client, by key (RFC 3261 §17.1.3, §17.2.3), and the index of
 * out-of-dialog requests for merged-request detection (§8.2.2.2: same From tag, Call-ID and CSeq,
 * different transaction). Entries leave when their transaction terminates.
 */
final class TransactionTable implements Transaction.Owner {

    private final Map<TransactionKey, Transaction> byKey = new ConcurrentHashMap<>();
    private final Map<String, TransactionKey> merge = new ConcurrentHashMap<>();
    private final Map<Transaction, String> mergeOf = new ConcurrentHashMap<>();
    private final AtomicLong retainedBytes = new AtomicLong();

    Transaction get(TransactionKey key) {
        return byKey.get(key);
    }

    /**
     * Adds a transaction unless one with the key exists.
     *
     * @return the existing one, or {@code null} when {@code tx} was added
     */
    Transaction putIfAbsent(Transaction tx) {
        return byKey.putIfAbsent(tx.key(), tx);
    }

    /**
     * Records an out-of-dialog request for merge detection.
     *
     * @return the key of another live transaction with the same From tag, Call-ID and CSeq, or {@code null}
     */
    TransactionKey registerMerge(String mergeId, Transaction tx) {
        TransactionKey other = merge.putIfAbsent(mergeId, tx.key());
        if (other == null) {
            mergeOf.put(tx, mergeId);
            return null;
        }
        return other.equals(tx.key()) || !byKey.containsKey(other) ? null : other;
    }

    @Override
    public void retained(long delta) {
        retainedBytes.addAndGet(delta);
    }

    /** @return the bytes all live transactions keep (requests and their last responses). */
    long retainedBytes() {
        return retainedBytes.get();
    }

    /**
     * @return whether a new request of {@code size} bytes fits the budget of {@code max} bytes; checked
     *         before its transaction exists (concurrent I/O threads may overshoot by one message each)
     */
    boolean fits(long size, long max) {
        return retainedBytes.get() + size <= max;
    }

    @Override
    public void terminated(Transaction tx) {
        retainedBytes.addAndGet(-tx.retainedBytes());
        byKey.remove(tx.key(), tx);
        String m = mergeOf.remove(tx);
        if (m != null) {
            merge.remove(m, tx.key());
        }
    }

    /** Aborts every transaction on {@code transport} (its listener went away). */
    int abortAll(SipTransport transport) {
        List<Transaction> doomed = new ArrayList<>();
        for (Transaction tx : byKey.values()) {
            if (tx.flow().transport() == transport) {
                doomed.add(tx);
            }
        }
        doomed.forEach(Transaction::abort);
        return doomed.size();
    }

    /** Aborts everything (shutdown). */
    void abortAll() {
        new ArrayList<>(byKey.values()).forEach(Transaction::abort);
    }

    int size() {
        return byKey.size();
    }
}
