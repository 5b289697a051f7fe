package dev.siprec.sip.transport.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;

/**
 * Where a listener's messages go: the SIP core attached to it, or, while none is (a listener binds
 * before the core attaches at start-up, and a core being updated detaches for a moment), a small
 * bounded hold that the next core to attach receives first, in arrival order. A reliable transport's
 * client does not retransmit (RFC 3261 §17.1.1.2: Timer A only over UDP), so a request dropped in that
 * window would wait for its transaction timeout; held, it is answered as soon as the core is there.
 * <p>
 * Bounds: at most {@code maxMessages} messages and {@code maxBytes} bytes are held, each for at most
 * {@code maxAgeNanos} (what is older is dropped at the next hold or attach: its client has given up,
 * or soon will); a message whose connection has closed is not delivered. Messages beyond a bound are
 * dropped, as all were before. Thread-safe: messages arrive on I/O threads while the core attaches on
 * another; one that arrives while the held ones are being delivered waits for them, so a connection's
 * messages reach the core in order.
 */
public final class InboundGate {
    /** What became of a message. */
    public enum Outcome {
        /** handed to the attached core */
        DELIVERED,
        /** held until a core attaches */
        HELD,
        /** no core attached and the hold is full: dropped */
        DROPPED
    }

    private record Held(SipConnection connection, byte[] message, long at) {
    }

    private final int maxMessages;
    private final long maxBytes;
    private final long maxAgeNanos;
    private final LongSupplier clock;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long heldBytes;
    private volatile SipInbound inbound;

    /**
     * @param maxMessages the most messages held, 0 to hold none
     * @param maxBytes the most bytes held
     * @param maxAgeNanos how long a message may wait for a core
     * @param clock {@link System#nanoTime()} or a test's clock
     */
    public InboundGate(int maxMessages, long maxBytes, long maxAgeNanos, LongSupplier clock) {
        if (maxMessages < 0 || maxBytes < 0 || maxAgeNanos < 0) {
            throw new IllegalArgumentException("bounds must not be negative");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAgeNanos;
        this.clock = clock;
    }

    /** A gate with the defaults of the project's transports: 256 messages, 2 MiB, 32 s (Timer B, 64 × T1). */
    public static InboundGate withDefaults() {
        return new InboundGate(256, 2L << 20, 32_000_000_000L, System::nanoTime);
    }

    /** @return the core attached now, or {@code null} */
    public SipInbound inbound() {
        return inbound;
    }

    /**
     * Hands {@code message} to the attached core, or holds it while none is attached.
     *
     * @throws RuntimeException what the core threw (the message counts as delivered)
     */
    public Outcome received(SipConnection connection, byte[] message) {
        SipInbound in = inbound;
        if (in == null) {
            synchronized (this) {
                in = inbound;
                if (in == null) {
                    return hold(connection, message);
                }
            }
        }
        in.received(connection, message);
        return Outcome.DELIVERED;
    }

    private Outcome hold(SipConnection connection, byte[] message) {
        long now = clock.getAsLong();
        expire(now);
        if (held.size() >= maxMessages || heldBytes + message.length > maxBytes) {
            return Outcome.DROPPED;
        }
        held.addLast(new Held(connection, message, now));
        heldBytes += message.length;
        return Outcome.HELD;
    }

    private void expire(long now) {
        while (!held.isEmpty() && now - held.peekFirst().at() > maxAgeNanos) {
            heldBytes -= held.pollFirst().message().length;
        }
    }

    /**
     * Attaches {@code in} and delivers to it, first, the messages held meanwhile (in arrival order,
     * those still young enough and whose connection is open).
     *
     * @return the failures of {@code in} on held messages (for the listener's log), empty when none
     */
    public List<RuntimeException> attach(SipInbound in) {
        List<RuntimeException> failures = List.of();
        synchronized (this) {
            expire(clock.getAsLong());
            Held h;
            while ((h = held.pollFirst()) != null) {
                heldBytes -= h.message().length;
                if (!h.connection().isOpen()) {
                    continue;
                }
                try {
                    in.received(h.connection(), h.message());
                } catch (RuntimeException e) {
                    if (failures.isEmpty()) {
                        failures = new ArrayList<>();
                    }
                    failures.add(e);
                }
            }
            inbound = in;
        }
        return failures;
    }

    /** Detaches {@code in} if it is the core attached; messages are held from then on. */
    public synchronized void detach(SipInbound in) {
        if (inbound == in) {
            inbound = null;
        }
    }

    /** Drops what is held (the listener closes). */
    public synchronized void clear() {
        held.clear();
        heldBytes = 0;
    }

    /** @return how many messages wait for a core now */
    public synchronized int held() {
        return held.size();
    }
}
