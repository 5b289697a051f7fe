package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Policy(3, 10, 60), clock::get);

    private void advance(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void locksAnAddressOutWithDoublingBackOffUpToTheMaximum() {
        String a = "192.0.2.7";
        assertEquals(0, throttle.failed(a));
        assertEquals(0, throttle.failed(a));
        assertEquals(0, throttle.failed(a), "three failures cost nothing");
        assertEquals(0, throttle.retryAfter(a));
        assertEquals(10, throttle.failed(a), "the fourth locks");
        assertEquals(10, throttle.retryAfter(a));
        advance(4);
        assertEquals(6, throttle.retryAfter(a));
        assertEquals(0, throttle.retryAfter("192.0.2.8"), "other addresses are not affected");
        advance(6);
        assertEquals(0, throttle.retryAfter(a), "the lock has run out");
        assertEquals(20, throttle.failed(a), "and the next failure locks twice as long");
        advance(20);
        assertEquals(40, throttle.failed(a));
        advance(40);
        assertEquals(60, throttle.failed(a), "capped at the maximum");
        assertEquals(2, throttle.refusedTotal());
        assertEquals(7, throttle.failedTotal());
    }

    @Test
    void onlyALongQuietForgetsTheAddress() {
        String a = "2001:db8::1";
        throttle.failed(a);
        throttle.failed(a);
        throttle.failed(a);
        advance(61);
        assertEquals(0, throttle.failed(a), "quiet for longer than the longest lock: a fresh start");
        assertEquals(1, throttle.failures(a));
    }

    @Test
    void aPolicyChangeAppliesToTheNextFailure() {
        String a = "198.51.100.1";
        throttle.policy(new LoginThrottle.Policy(1, 5, 5));
        assertEquals(0, throttle.failed(a));
        assertEquals(5, throttle.failed(a));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle.Policy(0, 10, 60));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle.Policy(5, 60, 10));
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfAddresses() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 500; i++) {
            throttle.failed("10.0." + (i >> 8) + "." + (i & 0xff));
        }
        assertTrue(throttle.tracked() <= LoginThrottle.MAX_ADDRESSES, "tracked: " + throttle.tracked());
    }
}
