package dev.siprec.srtp.dtls.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current server identity, replaced every rotation period. A new offer is answered with the
 * current one; associations already answered keep theirs, so their fingerprint stays true. The
 * certificate outlives its rotation period by one period, enough for calls answered just before.
 */
final class IdentityHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityHolder.class);

    private final SecureRandom random;
    private final Duration period;
    private final ScheduledFuture<?> task;
    /** The current identity and the one the last rotation replaced (associations answered before it still present it). */
    private volatile Generation generation;

    private record Generation(DtlsIdentity current, DtlsIdentity previous) {
    }

    IdentityHolder(SecureRandom random, Duration period, ScheduledExecutorService timer) {
        this.random = random;
        this.period = period;
        this.generation = new Generation(make(), null);
        long ms = period.toMillis();
        this.task = timer.scheduleAtFixedRate(this::rotate, ms, ms, TimeUnit.MILLISECONDS);
    }

    private DtlsIdentity make() {
        return DtlsIdentity.generate(random, period.multipliedBy(2).plusDays(1));
    }

    DtlsIdentity current() {
        return generation.current();
    }

    /** @return the identity the last rotation replaced, or {@code null} before the first rotation */
    DtlsIdentity previous() {
        return generation.previous();
    }

    /** @return {@code [current, previous]} read together ({@code previous} may be {@code null}) */
    DtlsIdentity[] both() {
        Generation g = generation;
        return new DtlsIdentity[] {g.current(), g.previous()};
    }

    /** Replaces the identity now (also called by the timer). */
    synchronized void rotate() {
        try {
            DtlsIdentity next = make();
            generation = new Generation(next, generation.current());
            LOG.info("DTLS certificate rotated: fingerprint {}", next.fingerprint().format());
        } catch (RuntimeException e) {
            LOG.warn("DTLS certificate rotation failed, keeping the current one: {}", e.toString());
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
