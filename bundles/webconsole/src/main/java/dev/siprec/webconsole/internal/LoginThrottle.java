package dev.siprec.webconsole.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Failed logins per source address, with exponential back-off: the first {@code freeFailures}
 * failures cost nothing; each further one locks the address for {@code lockSeconds}, doubled with
 * every further failure up to {@code maxLockSeconds}. While locked, an address gets {@code 429}
 * (RFC 6585 §4) with {@code Retry-After} and its password is not even compared. An address is
 * forgotten only once it has been quiet for {@code maxLockSeconds}: a successful login does not
 * reset it, or an attacker sharing an address (NAT) with a logged-in browser, whose page refreshes
 * every two seconds, would get fresh tries every two seconds.
 * At most {@link #MAX_ADDRESSES} addresses are remembered (the least recently seen one goes first),
 * so a flood from many addresses cannot exhaust memory.
 */
final class LoginThrottle {
    static final int MAX_ADDRESSES = 10_000;

    /** Settings; all validated. */
    record Policy(int freeFailures, int lockSeconds, int maxLockSeconds) {
        Policy {
            if (freeFailures < 1 || freeFailures > 1000 || lockSeconds < 1 || maxLockSeconds < lockSeconds || maxLockSeconds > 86_400) {
                throw new IllegalArgumentException("dev.siprec.webconsole: login.max.failures must be 1-1000, login.lock.seconds 1 or more"
                        + " and login.lock.max.seconds between login.lock.seconds and 86400");
            }
        }
    }

    private static final class Entry {
        int failures;
        long lockedUntil;
        long lastFailure;
    }

    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoginThrottle.Entry> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Policy policy;

    LoginThrottle(Policy policy, LongSupplier nanoTime) {
        this.policy = policy;
        this.nanoTime = nanoTime;
    }

    void policy(Policy p) {
        policy = p;
    }

    /**
     * @return seconds the address must still wait (then the attempt is refused and counted), or 0
     *         when it may try
     */
    synchronized long retryAfter(String address) {
        Entry e = entries.get(address);
        long now = nanoTime.getAsLong();
        if (e == null || e.lockedUntil - now <= 0) {
            return 0;
        }
        refused.incrementAndGet();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(e.lockedUntil - now + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** @return seconds the address is now locked for (0: not locked yet), after one more failure */
    synchronized long failed(String address) {
        failed.incrementAndGet();
        Policy p = policy;
        long now = nanoTime.getAsLong();
        Entry e = entries.get(address);
        if (e != null && now - e.lastFailure > TimeUnit.SECONDS.toNanos(p.maxLockSeconds()) && e.lockedUntil - now <= 0) {
            e = null; // quiet long enough: a fresh start
        }
        if (e == null) {
            e = new Entry();
            entries.put(address, e);
        }
        e.failures++;
        e.lastFailure = now;
        int over = e.failures - p.freeFailures();
        if (over <= 0) {
            return 0;
        }
        long lock = Math.min(p.maxLockSeconds(), (long) p.lockSeconds() << Math.min(over - 1, 30));
        e.lockedUntil = now + TimeUnit.SECONDS.toNanos(lock);
        return lock;
    }

    /** @return failures counted for the address so far (0 when unknown) */
    synchronized int failures(String address) {
        Entry e = entries.get(address);
        return e == null ? 0 : e.failures;
    }

    /** @return failed logins since start */
    long failedTotal() {
        return failed.get();
    }

    /** @return attempts refused with 429 since start */
    long refusedTotal() {
        return refused.get();
    }

    synchronized int tracked() {
        return entries.size();
    }
}
