package dev.siprec.srtp.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;

/**
 * A session: a {@link Receiver} and a {@link Sender} (none for a receive-only session), each behind its own lock so that one I/O thread
 * per direction runs without contention and {@link #close()} never wipes keys under a packet in
 * flight. A failure inside a transform (a bug, or a suite misbehaving) is logged, counted as
 * malformed and never thrown to the packet path.
 */
final class SessionImpl implements SrtpSession {
    private static final Logger LOG = LoggerFactory.getLogger(SessionImpl.class);

    private final String suite;
    private final Receiver rx;
    /** {@code null} for a receive-only session. */
    private final Sender tx;
    private final Object txLock;
    private final int maxOverhead;
    private final Runnable onClose;
    private static final AtomicLongFieldUpdater<SessionImpl> INTERNAL_ERRORS =
            AtomicLongFieldUpdater.newUpdater(SessionImpl.class, "internalErrors");
    private volatile long internalErrors;
    private volatile boolean closed;

    SessionImpl(String suite, Receiver rx, Sender tx, int maxOverhead, Runnable onClose) {
        this.suite = suite;
        this.rx = rx;
        this.tx = tx;
        this.txLock = tx != null ? tx : rx; // receive-only: protect refuses at once, under the receiving lock
        this.maxOverhead = maxOverhead;
        this.onClose = onClose;
    }

    @Override
    public SrtpStatus unprotectRtp(SrtpPacket packet) {
        synchronized (rx) {
            if (closed) {
                return SrtpStatus.KEY_EXPIRED;
            }
            try {
                return rx.unprotectRtp(packet);
            } catch (RuntimeException e) {
                return internalError(rx, e);
            }
        }
    }

    @Override
    public SrtpStatus unprotectRtcp(SrtpPacket packet) {
        synchronized (rx) {
            if (closed) {
                return SrtpStatus.KEY_EXPIRED;
            }
            try {
                return rx.unprotectRtcp(packet);
            } catch (RuntimeException e) {
                return internalError(rx, e);
            }
        }
    }

    @Override
    public SrtpStatus protectRtp(SrtpPacket packet) {
        synchronized (txLock) {
            if (closed || tx == null) {
                return SrtpStatus.KEY_EXPIRED; // closed, or a receive-only session: no sending keys
            }
            try {
                return tx.protectRtp(packet);
            } catch (RuntimeException e) {
                return internalError(tx, e);
            }
        }
    }

    @Override
    public SrtpStatus protectRtcp(SrtpPacket packet) {
        synchronized (txLock) {
            if (closed || tx == null) {
                return SrtpStatus.KEY_EXPIRED; // closed, or a receive-only session: no sending keys
            }
            try {
                return tx.protectRtcp(packet);
            } catch (RuntimeException e) {
                return internalError(tx, e);
            }
        }
    }

    private SrtpStatus internalError(Side side, RuntimeException e) {
        long n = INTERNAL_ERRORS.incrementAndGet(this);
        if (n == 1 || n % 10_000 == 0) {
            LOG.warn("SRTP session ({}): transform failed ({} so far); packet dropped", suite, n, e);
        }
        return side.malformed();
    }

    @Override
    public int maxOverhead() {
        return maxOverhead;
    }

    @Override
    public String suite() {
        return suite;
    }

    @Override
    public Stats stats() {
        List<StreamStats> streams = new ArrayList<>();
        for (StreamContext c : rx.streams.snapshot()) {
            streams.add(c.stats(false));
        }
        if (tx != null) {
            for (StreamContext c : tx.streams.snapshot()) {
                streams.add(c.stats(true));
            }
        }
        return new Stats(suite, rx.malformed + (tx == null ? 0 : tx.malformed), rx.unknownSsrcAuthFailures,
                rx.ssrcLimit + (tx == null ? 0 : tx.ssrcLimit), rx.rocRecoveries, streams);
    }

    @Override
    public void close() {
        synchronized (rx) {
            synchronized (txLock) {
                if (closed) {
                    return;
                }
                closed = true;
                rx.closeKeys();
                if (tx != null) {
                    tx.closeKeys();
                }
            }
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "SrtpSession[" + suite + ", " + rx.streams.size() + " in, " + (tx == null ? "receive only" : tx.streams.size() + " out")
                + (closed ? ", closed" : "") + "]";
    }
}
