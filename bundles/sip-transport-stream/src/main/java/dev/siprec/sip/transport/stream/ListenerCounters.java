package dev.siprec.sip.transport.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one stream listener, shown by {@code status()}. */
public final class ListenerCounters {
    final LongAdder received = new LongAdder();
    final LongAdder keepAlives = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder refusedTotal = new LongAdder();
    final LongAdder refusedPerIp = new LongAdder();
    final LongAdder framingErrors = new LongAdder();
    final LongAdder handshakeFailures = new LongAdder();
    final LongAdder handshakeTimeouts = new LongAdder();
    final LongAdder handshakeRejected = new LongAdder();
    final LongAdder idleClosed = new LongAdder();
    final LongAdder noDialogClosed = new LongAdder();
    final LongAdder slowSenders = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    final LongAdder writeOverflows = new LongAdder();
    final LongAdder dropped = new LongAdder();

    /** @return messages handed to the SIP core */
    public long received() {
        return received.sum();
    }

    /** @return framing, handshake, timeout and I/O errors */
    public long errors() {
        return framingErrors.sum() + handshakeFailures.sum() + handshakeTimeouts.sum() + handshakeRejected.sum() + slowSenders.sum()
                + ioErrors.sum() + writeOverflows.sum();
    }

    /** Counts a failed TLS handshake (the TLS layer reports it through the connection). */
    public void handshakeFailed() {
        handshakeFailures.increment();
    }

    /** @return every counter by name, for {@code ListenerStatus.details()} */
    public Map<String, String> asDetails() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("accepted", Long.toString(accepted.sum()));
        m.put("refused.max.connections", Long.toString(refusedTotal.sum()));
        m.put("refused.max.connections.per.ip", Long.toString(refusedPerIp.sum()));
        m.put("keepalives", Long.toString(keepAlives.sum()));
        m.put("errors.framing", Long.toString(framingErrors.sum()));
        m.put("errors.handshake", Long.toString(handshakeFailures.sum()));
        m.put("errors.handshake.timeout", Long.toString(handshakeTimeouts.sum()));
        m.put("refused.handshake.pool.full", Long.toString(handshakeRejected.sum()));
        m.put("errors.slow.sender", Long.toString(slowSenders.sum()));
        m.put("errors.io", Long.toString(ioErrors.sum()));
        m.put("errors.write.backlog", Long.toString(writeOverflows.sum()));
        m.put("closed.idle", Long.toString(idleClosed.sum()));
        m.put("closed.no.dialog", Long.toString(noDialogClosed.sum()));
        m.put("dropped.no.inbound", Long.toString(dropped.sum()));
        return m;
    }
}
