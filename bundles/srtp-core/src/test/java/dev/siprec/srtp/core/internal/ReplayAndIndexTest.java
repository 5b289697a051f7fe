package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3711 §3.3.1 / Appendix A index estimation and the §3.3.2 replay list. */
class ReplayAndIndexTest {

    @Test
    void rocFollowsWrapAndLatePacketsFromBeforeIt() {
        StreamContext c = new StreamContext(1, 128);
        c.update(c.estimate(65530));
        assertEquals(65531, c.estimate(65531));
        long wrapped = c.estimate(2);
        assertEquals(1L << 16 | 2, wrapped, "SEQ 2 after 65530 is in the next ROC");
        c.update(wrapped);
        assertEquals(1, c.roc());
        assertEquals(65533, c.estimate(65533), "a late packet from before the wrap keeps ROC - 1");
        assertEquals(40000, c.estimate(40000), "more than 32768 above s_l = 2: ROC - 1");
        assertEquals(1L << 16 | 30000, c.estimate(30000));
        c.update(1L << 16 | 30000);
        c.update(c.estimate(40000));
        assertEquals(1L << 16 | 40000, c.estimate(40001) - 1);
        assertEquals(2L << 16 | 3, c.estimate(3), "far below s_l >= 32768: next ROC");
        c.update(c.estimate(65000));
        assertEquals(1, c.roc());
    }

    @Test
    void rocZeroNeverGoesNegative() {
        StreamContext c = new StreamContext(1, 128);
        c.update(c.estimate(10));
        assertEquals(65000, c.estimate(65000), "ROC 0 cannot go back: the packet is a jump ahead");
    }

    @Test
    void replayWindowAcceptsReorderRejectsDuplicatesAndOld() {
        ReplayWindow w = new ReplayWindow(128);
        assertEquals(ReplayWindow.OK, w.check(1000));
        w.accept(1000);
        assertEquals(ReplayWindow.DUPLICATE, w.check(1000));
        assertEquals(ReplayWindow.OK, w.check(999));
        w.accept(999);
        assertEquals(ReplayWindow.DUPLICATE, w.check(999));
        assertEquals(ReplayWindow.OK, w.check(1000 - 127));
        assertEquals(ReplayWindow.OLD, w.check(1000 - 128));
        w.accept(1100);
        assertEquals(ReplayWindow.DUPLICATE, w.check(1000), "still inside after sliding by 100");
        assertEquals(ReplayWindow.OK, w.check(1050), "bits between old and new highest were cleared");
        w.accept(5000);
        assertEquals(ReplayWindow.OLD, w.check(1100));
        assertEquals(ReplayWindow.OK, w.check(4999));
        assertEquals(5000, w.highest());
    }

    @Test
    void windowIsRoundedToWholeWords() {
        assertEquals(256, new ReplayWindow(130).size());
        assertEquals(256, new ReplayWindow(192).size());
        assertEquals(128, new ReplayWindow(128).size());
        assertEquals(1024, new ReplayWindow(1024).size());
    }
}
