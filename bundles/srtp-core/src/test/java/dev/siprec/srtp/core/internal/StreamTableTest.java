package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The SSRC table starts small and grows with the SSRCs admitted up to its cap, every context staying
 * reachable through growth, eviction and parking; a stream context makes its SRTCP replay list on
 * the first authenticated SRTCP index only, and that list refuses replays from then on.
 */
class StreamTableTest {

    @Test
    void growsToItsCapAndFindsEveryContext() {
        for (int cap : new int[] {1, 2, 3, 8, 33, 1024}) {
            StreamTable t = new StreamTable(cap);
            SplittableRandom random = new SplittableRandom(cap);
            long[] ssrcs = new long[cap];
            for (int i = 0; i < cap; i++) {
                assertFalse(t.full());
                ssrcs[i] = random.nextLong(1L << 32);
                while (t.get(ssrcs[i]) != null) {
                    ssrcs[i] = random.nextLong(1L << 32);
                }
                t.put(new StreamContext(ssrcs[i], 64));
                assertEquals(i + 1, t.size());
                for (int j = 0; j <= i; j++) {
                    assertEquals(ssrcs[j], t.get(ssrcs[j]).ssrc, "cap " + cap + ", after " + (i + 1));
                }
            }
            assertTrue(t.full());
            assertEquals(cap, t.snapshot().length);
            assertNull(t.get(-1L));
        }
    }

    @Test
    void evictsTheIdlestParksItAndFindsTheRestAfterGrowth() {
        StreamTable t = new StreamTable(16);
        for (int i = 0; i < 16; i++) {
            StreamContext c = new StreamContext(1000 + i, 64);
            c.lastSeen = 100 + i;
            t.put(c);
        }
        assertNull(t.parked(1000));
        assertFalse(t.evictIdle(110, 50), "nobody silent long enough");
        assertTrue(t.evictIdle(1000, 50));
        assertNull(t.get(1000));
        StreamContext parked = t.parked(1000);
        assertEquals(1000, parked.ssrc);
        for (int i = 1; i < 16; i++) {
            assertEquals(1000 + i, t.get(1000 + i).ssrc);
        }
        t.put(parked); // it came back: same context, no longer parked
        assertSame(parked, t.get(1000));
        assertNull(t.parked(1000));
        t.clear();
        assertEquals(0, t.size());
        assertNull(t.get(1001));
    }

    @Test
    void srtcpReplayListIsMadeOnTheFirstSrtcpIndexAndThenRefusesReplays() {
        StreamContext c = new StreamContext(7, 128);
        assertNull(c.rtcpReplay(), "no SRTCP list before SRTCP");
        assertEquals(ReplayWindow.OK, c.checkRtcp(5));
        assertNull(c.rtcpReplay(), "a check alone (before authentication) makes nothing");
        c.acceptRtcp(5);
        assertEquals(128, c.rtcpReplay().size());
        assertEquals(ReplayWindow.DUPLICATE, c.checkRtcp(5));
        assertEquals(ReplayWindow.OK, c.checkRtcp(6));
        c.acceptRtcp(300);
        assertEquals(ReplayWindow.OLD, c.checkRtcp(6));
    }
}
