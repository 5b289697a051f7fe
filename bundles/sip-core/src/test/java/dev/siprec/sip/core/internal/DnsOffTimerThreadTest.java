package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.SipResponse;

/**
 * Issue 9 item 6: host names of request targets were resolved on the single SIP timer thread, so
 * one name that never answers stalled every retransmission. Here the resolver never answers.
 */
class DnsOffTimerThreadTest {

    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicInteger queries = new AtomicInteger();
    private final HostResolver hanging = host -> {
        queries.incrementAndGet();
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host);
    };

    @AfterEach
    void release() {
        never.countDown();
    }

    private long okCount(CoreHarness c, String callId) {
        return c.responses().stream().filter(r -> r.statusCode() == 200 && callId.equals(r.callId())).count();
    }

    @Test
    void aNameThatNeverAnswersStallsNoRetransmission() throws Exception {
        CoreHarness c = new CoreHarness(CoreSettings.defaults().with(CoreSettings.RefusedResponse.FORBIDDEN, true, 300, 60,
                CoreSettings.MAX_RETAINED_BYTES), true, hanging);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // A: un-ACKed, its Contact a name: Timer L at 32 s sends a BYE, which needs a lookup.
            c.receive(request("INVITE", c.nextBranch(), "slow", "ft", null, 1, SDP)
                    .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:src@never.invalid:5070>"));
            c.timers.advance(31_000);
            // B: arrives at 31 s, its 2xx retransmitted at +0.5, +1.5, +3.5, +7.5 s (T1 doubling to T2).
            c.receive(request("INVITE", c.nextBranch(), "fast", "ft", null, 1, SDP));
            assertEquals(1, okCount(c, "fast"));
            long[] steps = {500, 1000, 2000, 4000};
            for (int i = 0; i < steps.length; i++) {
                c.timers.advance(steps[i]); // A's Timer L (and its BYE) falls inside the first step
                assertEquals(2 + i, okCount(c, "fast"), "2xx retransmission " + (i + 1) + " on time");
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (queries.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the query runs on the lookup pool: wait for it, not a fixed time
        }
        assertEquals(1, queries.get(), "A's BYE asked the resolver once");
        assertTrue(c.requestsSent().stream().noneMatch(r -> r.callId().equals("slow")), "nothing sent while unresolved");
    }

    @Test
    void theLookupIsBoundedInTimeAndItsFailureIsCached() throws Exception {
        CoreHarness c = new CoreHarness(CoreSettings.defaults().with(CoreSettings.RefusedResponse.FORBIDDEN, true, 200, 60,
                CoreSettings.MAX_RETAINED_BYTES), true, hanging);
        String tag = c.establish("slow-bye", "X-Pad: 1");
        Dialog d = c.engine.dialogs().find("slow-bye", tag, "ft-slow-bye");
        // Through the ACKed dialog's BYE: the Contact (127.0.0.1) is a literal; retarget it to a name.
        ((SipDialog) d).remoteTarget("sip:src@never.invalid:5070");
        long t0 = System.nanoTime();
        CompletableFuture<SipResponse> bye = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> d.bye().toCompletableFuture(), "bye() returns at once");
        ExecutionException e = assertThrows(ExecutionException.class, () -> bye.get(5, TimeUnit.SECONDS));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertInstanceOf(TimeoutException.class, e.getCause().getCause(), e.toString());
        assertTrue(ms >= 150 && ms < 3000, "failed after about dns.timeout.ms: " + ms + " ms");

        String tag2 = c.establish("slow-bye-2");
        Dialog d2 = c.engine.dialogs().find("slow-bye-2", tag2, "ft-slow-bye-2");
        ((SipDialog) d2).remoteTarget("sip:src@NEVER.invalid:5070");
        assertThrows(ExecutionException.class, () -> d2.bye().toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(1, queries.get(), "the failure was cached: no second query for the same name");
    }

    @Test
    void cacheAnswersLiteralsWithoutTheResolverAndExpires() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        DnsCache dns = new DnsCache(host -> {
            calls.incrementAndGet();
            return InetAddress.getByAddress(host, new byte[] {(byte) 192, 0, 2, 1});
        }, now::get);
        try {
            assertEquals(InetAddress.getByName("192.0.2.9"), dns.lookup("192.0.2.9", 100, 60).get());
            assertEquals(InetAddress.getByName("2001:db8::1"), dns.lookup("[2001:db8::1]", 100, 60).get());
            assertEquals(0, calls.get(), "literals never reach the resolver");
            CompletableFuture<InetAddress> a = dns.lookup("srs.example", 1000, 60);
            assertEquals("192.0.2.1", a.get(5, TimeUnit.SECONDS).getHostAddress());
            assertSame(a, dns.lookup("SRS.example", 1000, 60), "cached, case-insensitive");
            now.addAndGet(62_000);
            dns.lookup("srs.example", 1000, 60).get(5, TimeUnit.SECONDS);
            assertEquals(2, calls.get(), "looked up again after dns.cache.seconds");
            assertNull(DnsCache.literal("srs.example"));
            assertNull(DnsCache.literal("cafe.example"));
        } finally {
            dns.close();
        }
    }
}
