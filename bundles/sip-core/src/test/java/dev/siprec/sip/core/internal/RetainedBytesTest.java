package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.codec.ParsedResponse;

/**
 * Issue 9 item 7: the server INVITE table held whole requests (up to 64 KiB) for 64*T1 without
 * ACK, bounded only by count. A flood of large INVITEs that are never ACKed must stay within
 * {@code max.retained.bytes}; the excess gets 503, and the budget comes back when they time out.
 */
class RetainedBytesTest {

    private static final long BUDGET = 1024 * 1024;

    private static String bigInvite(CoreHarness c, int i) {
        String sdp = CoreHarness.SDP + ("a=x-pad:" + "p".repeat(990) + "\r\n").repeat(60); // ~60 KB body
        return request("INVITE", c.nextBranch(), "flood-" + i, "ft" + i, null, 1, sdp);
    }

    @Test
    void aFloodOfLargeUnAckedInvitesStaysWithinTheBudget() {
        CoreHarness c = new CoreHarness(CoreSettings.defaults().with(CoreSettings.RefusedResponse.FORBIDDEN, false, 2000, 60,
                BUDGET), true);
        int size = bigInvite(c, -1).length();
        assertTrue(size > 60_000 && size < 65_536, "each INVITE near the 64 KiB limit: " + size);
        long peak = 0;
        for (int i = 0; i < 200; i++) { // 12 MB offered, none ACKed
            c.receive(bigInvite(c, i));
            peak = Math.max(peak, c.engine.transactions.retainedBytes());
        }
        assertTrue(peak <= BUDGET, "retained bytes bounded by max.retained.bytes: peak " + peak);
        List<ParsedResponse> all = c.responses();
        long accepted = all.stream().filter(r -> r.statusCode() == 200).count();
        long refused = all.stream().filter(r -> r.statusCode() == 503).count();
        assertTrue(accepted >= 10 && accepted <= BUDGET / 60_000, "about budget/size accepted: " + accepted);
        assertEquals(200 - accepted, refused, "the rest answered 503 without state");
        assertTrue(all.stream().filter(r -> r.statusCode() == 503).allMatch(r -> r.header("Retry-After") != null));
        assertEquals(accepted, c.handler.requests.size(), "the handler saw only what fit");

        c.timers.advance(70_000); // Timer L ends every un-ACKed INVITE transaction (and their BYEs complete or time out)
        assertEquals(0, c.engine.transactions.retainedBytes(), "budget released when transactions end");
        c.receive(bigInvite(c, 1000));
        assertEquals(200, c.last().statusCode(), "accepted again after the flood");
    }

    @Test
    void smallRequestsAreAccountedAndReleasedToo() {
        CoreHarness c = new CoreHarness();
        c.receive(request("OPTIONS", c.nextBranch(), "o1", "ft", null, 1, null));
        assertTrue(c.engine.transactions.retainedBytes() > 0, "OPTIONS and its 200 kept for Timer J");
        c.timers.advance(40_000);
        assertEquals(0, c.engine.transactions.retainedBytes());
    }
}
