package dev.siprec.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceptionStatsTest {
    private static final long MS = 1_000_000L;

    /**
     * RFC 3550 §6.4.1 by hand, 8 kHz, 20 ms packets (160 timestamp units), arriving at 0, 20, 45, 60 and
     * 80 ms. D per packet: 0, 200-160 = 40, 120-160 = -40, 0. J: 0, 0 + (40-0)/16 = 2.5,
     * 2.5 + (40-2.5)/16 = 4.84375, 4.84375 + (0-4.84375)/16 = 4.541015625 units = 0.567626953125 ms.
     */
    @Test
    void jitterFollowsTheRfc3550Estimator() {
        ReceptionStats r = new ReceptionStats();
        long[] arrivalsMs = {0, 20, 45, 60, 80};
        double[] expectedMs = {Double.NaN, 0, 2.5 / 8, 4.84375 / 8, 4.541015625 / 8};
        for (int i = 0; i < arrivalsMs.length; i++) {
            r.packet(100 + i, 1000 + 160L * i, 8000, 5_000 * MS + arrivalsMs[i] * MS);
            assertEquals(expectedMs[i], r.jitterMillis(), 1e-9, "after packet " + i);
        }
        assertEquals(0.567626953125, r.jitterMillis(), 1e-9);
    }

    @Test
    void jitterHandlesTimestampWrapAndUsesArrivalOrder() {
        ReceptionStats r = new ReceptionStats();
        long ts = 0xFFFF_FF00L; // wraps after the second packet
        r.packet(1, ts, 8000, 0);
        r.packet(2, ts + 160, 8000, 20 * MS);
        r.packet(4, (ts + 480) & 0xFFFFFFFFL, 8000, 60 * MS);
        r.packet(3, (ts + 320) & 0xFFFFFFFFL, 8000, 61 * MS); // reordered: D = 8 - (-160) = 168
        assertEquals(168.0 / 16 / 8, r.jitterMillis(), 1e-9);
    }

    @Test
    void telephoneEventsAndHeldStreamsDoNotCountAsJitter() {
        ReceptionStats r = new ReceptionStats();
        r.packet(1, 0, 8000, 0);
        r.packet(2, 0, 0, 50 * MS); // a telephone event repeating one timestamp: no clock rate given
        r.packet(3, 160, 8000, 20 * MS);
        assertEquals(0, r.jitterMillis(), 1e-9);
        r.resume(); // after a hold, the first packet's delay is not network jitter
        r.packet(4, 320, 8000, 5_000 * MS);
        r.packet(5, 480, 8000, 5_020 * MS);
        assertEquals(0, r.jitterMillis(), 1e-9);
        assertEquals(5, r.received());
    }

    @Test
    void jitterOfWidebandClockIsInMilliseconds() {
        ReceptionStats r = new ReceptionStats();
        r.packet(1, 0, 48000, 0);
        r.packet(2, 960, 48000, 36 * MS); // 16 ms late: D = 768 units at 48 kHz
        assertEquals(768.0 / 16 / 48, r.jitterMillis(), 1e-9);
    }

    @Test
    void lossCountsAGapAcrossTheSequenceWrap() {
        ReceptionStats r = new ReceptionStats();
        for (int seq : new int[] {65533, 65534, 65535, 1, 2}) { // 0 is missing
            r.packet(seq, 0, 0, 0);
        }
        assertEquals(65536 + 2, r.extendedMax());
        assertEquals(6, r.expected());
        assertEquals(5, r.received());
        assertEquals(new ReceptionStats.Interval(6, 5), r.interval());
    }

    @Test
    void reorderedPacketsAreNotLossAndDuplicatesMakeNoNegativeInterval() {
        ReceptionStats r = new ReceptionStats();
        for (int seq : new int[] {10, 11, 13, 12, 14, 14}) {
            r.packet(seq, 0, 0, 0);
        }
        assertEquals(new ReceptionStats.Interval(5, 6), r.interval()); // one duplicate: received exceeds expected
        for (int seq : new int[] {15, 18, 16}) { // 17 missing in this interval, 16 late but in
            r.packet(seq, 0, 0, 0);
        }
        assertEquals(new ReceptionStats.Interval(4, 3), r.interval());
        assertEquals(new ReceptionStats.Interval(0, 0), r.interval());
    }

    @Test
    void reorderingAcrossTheWrapDoesNotAddACycle() {
        ReceptionStats r = new ReceptionStats();
        for (int seq : new int[] {65534, 0, 65535, 1}) {
            r.packet(seq, 0, 0, 0);
        }
        assertEquals(65536 + 1, r.extendedMax());
        assertEquals(4, r.expected());
        assertEquals(4, r.received());
    }

    @Test
    void aLargeJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        ReceptionStats r = new ReceptionStats();
        r.packet(100, 0, 0, 0);
        r.packet(101, 0, 0, 0);
        r.packet(30000, 0, 0, 0); // a stray packet: not counted
        assertEquals(2, r.received());
        r.packet(102, 0, 0, 0);
        assertEquals(3, r.expected());
        r.packet(40000, 0, 0, 0);
        r.packet(40001, 0, 0, 0); // the sender restarted: resynchronise on 40000 + 1
        r.packet(40002, 0, 0, 0);
        assertEquals(2, r.expected());
        assertEquals(new ReceptionStats.Interval(3 + 2, 3 + 2), r.interval(), "the first source's interval counts are kept");
    }

    @Test
    void aNewSourceStartsAfreshButKeepsTheIntervalCounts() {
        ReceptionStats r = new ReceptionStats();
        for (int seq : new int[] {1, 2, 4}) {
            r.packet(seq, 160L * seq, 8000, seq * 20 * MS);
        }
        r.newSource();
        r.packet(5000, 99, 8000, 100 * MS);
        r.packet(5001, 259, 8000, 120 * MS);
        assertEquals(2, r.expected());
        ReceptionStats.Interval interval = r.interval();
        assertEquals(new ReceptionStats.Interval(4 + 2, 3 + 2), interval);
        assertTrue(r.jitterMillis() >= 0);
    }
}
