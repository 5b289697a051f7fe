package dev.siprec.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final long MS = 1_000_000L;
    private final List<Integer> played = new ArrayList<>();
    private long lost;
    private final JitterBuffer.Player player = new JitterBuffer.Player() {
        @Override
        public void play(byte[] packet, int length, long seq, long arrival) {
            played.add(((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF));
        }

        @Override
        public void lost(long count) {
            lost += count;
        }
    };
    private final JitterBuffer jb = new JitterBuffer(60 * MS);

    private JitterBuffer.Offer offer(int seq, long atMs) {
        byte[] p = Rtp.packet(0, seq & 0xFFFF, 0, 1, false, new byte[160]);
        JitterBuffer.Offer o = jb.offer(p, p.length, seq & 0xFFFF, atMs * MS, player);
        jb.drain(atMs * MS, player);
        return o;
    }

    @Test
    void playsInOrderAtOnce() {
        for (int i = 0; i < 5; i++) {
            offer(100 + i, i * 20);
        }
        assertEquals(List.of(100, 101, 102, 103, 104), played);
        assertEquals(0, jb.buffered());
    }

    @Test
    void packetsInOrderNeedNoSlots() {
        for (int i = 0; i < 200; i++) {
            offer(65500 + i, i * 20); // across the 16-bit wrap
        }
        assertEquals(200, played.size());
        assertFalse(jb.holdsSlots(), "packets in order are played from the caller's array");
        assertEquals(0, lost);
    }

    @Test
    void slotsTakenForReorderingAreLetGoOnceIdle() {
        offer(10, 0);
        offer(12, 20);
        assertTrue(jb.holdsSlots());
        offer(11, 30);
        assertEquals(List.of(10, 11, 12), played);
        jb.trim(30 * MS + JitterBuffer.IDLE_NANOS - 1);
        assertTrue(jb.holdsSlots(), "kept a while: reordering tends to go on");
        jb.trim(30 * MS + JitterBuffer.IDLE_NANOS);
        assertFalse(jb.holdsSlots());
        offer(14, 6000);
        offer(13, 6010);
        assertEquals(List.of(10, 11, 12, 13, 14), played);
        assertEquals(0, lost);
        assertEquals(JitterBuffer.Offer.DUPLICATE, offer(14, 6020));
    }

    @Test
    void slotsAreKeptWhilePacketsWait() {
        offer(10, 0);
        offer(12, 20);
        jb.trim(20 * MS + JitterBuffer.IDLE_NANOS);
        assertTrue(jb.holdsSlots(), "packet 12 still waits for 11");
        assertEquals(1, jb.buffered());
        jb.drain(100 * MS, player);
        assertEquals(List.of(10, 12), played);
        assertEquals(1, lost);
    }

    @Test
    void reordersWithinTheDelay() {
        offer(10, 0);
        offer(12, 20);
        offer(11, 30);
        assertEquals(List.of(10, 11, 12), played);
        assertEquals(0, lost);
    }

    @Test
    void declaresALossAfterTheDelayAndCountsTheLateArrival() {
        offer(10, 0);
        offer(12, 40);
        offer(13, 60);
        jb.drain(99 * MS, player);
        assertEquals(List.of(10), played);
        jb.drain(100 * MS, player);
        assertEquals(List.of(10, 12, 13), played);
        assertEquals(1, lost);
        assertEquals(JitterBuffer.Offer.LATE, offer(11, 120));
    }

    @Test
    void dropsDuplicatesBufferedOrPlayed() {
        offer(10, 0);
        offer(12, 20);
        assertEquals(JitterBuffer.Offer.DUPLICATE, offer(12, 25));
        offer(11, 30);
        assertEquals(JitterBuffer.Offer.DUPLICATE, offer(11, 35));
        assertEquals(JitterBuffer.Offer.DUPLICATE, offer(10, 35));
        assertEquals(List.of(10, 11, 12), played);
    }

    @Test
    void wrapsAt65535() {
        offer(65534, 0);
        offer(0, 20);
        offer(65535, 25);
        offer(1, 40);
        assertEquals(List.of(65534, 65535, 0, 1), played);
        assertEquals(0, lost);
    }

    @Test
    void overflowForcesPlayout() {
        offer(0, 0);
        for (int i = 2; i < 2 + JitterBuffer.SLOTS; i++) {
            offer(i, 1);
        }
        // 1 never came; slot pressure released it without waiting for the timer
        assertEquals(1, lost);
        assertEquals(JitterBuffer.SLOTS + 1, played.size());
    }

    @Test
    void aHugeJumpIsARestartNotAMassLoss() {
        offer(100, 0);
        offer(40000, 20);
        offer(40001, 40);
        assertEquals(List.of(100, 40000, 40001), played);
        assertEquals(0, lost);
    }

    @Test
    void flushPlaysEverythingBuffered() {
        offer(1, 0);
        offer(3, 10);
        offer(5, 20);
        jb.flush(player);
        assertEquals(List.of(1, 3, 5), played);
        assertEquals(2, lost);
    }

    @Test
    void aSenderRestartFarBehindResynchronisesAfterTwoPacketsInSequence() {
        for (int i = 0; i < 300; i++) {
            offer(1000 + i, i * 20);
        }
        assertEquals(JitterBuffer.Offer.LATE, offer(500, 6000));
        assertEquals(JitterBuffer.Offer.ACCEPTED, offer(501, 6020));
        offer(502, 6040);
        assertEquals(List.of(1298, 1299, 501, 502), played.subList(played.size() - 4, played.size()));
    }
}
