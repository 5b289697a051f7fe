package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamQuality;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.media.internal.rtp.StreamCounters;
import dev.siprec.sdp.api.Codec;

/** Stream quality reports: their intervals, and a real stream over UDP with a lost and a late packet. */
class QualityReportsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void reportsEveryIntervalWithSomethingInItAndOnceAtTheEnd() {
        List<StreamQuality> got = new CopyOnWriteArrayList<>();
        QualityReports q = new QualityReports("s", "a", got::add);
        StreamCounters c = new StreamCounters();
        q.start(0);
        c.reception.packet(1, 0, 8000, 0);
        c.reception.packet(3, 320, 8000, 40_000_000L);
        c.late = 2;
        c.codec = "PCMU";
        assertNull(q.due(QualityReports.INTERVAL_NANOS - 1, c, null, false), "not due yet");
        StreamQuality first = q.due(QualityReports.INTERVAL_NANOS, c, "AES_CM_128_HMAC_SHA1_80", false);
        assertEquals(3, first.expected());
        assertEquals(2, first.received());
        assertEquals(1, first.lost());
        assertEquals(1.0 / 3, first.lossFraction(), 1e-12);
        assertEquals(2, first.late());
        assertEquals(10, first.interval().toSeconds());
        assertEquals("PCMU", first.codec());
        assertTrue(first.hasJitter());
        assertTrue(!first.last());
        assertNull(q.due(2 * QualityReports.INTERVAL_NANOS, c, null, false), "a silent interval is not reported");
        c.reception.packet(4, 480, 8000, 21 * S);
        StreamQuality last = q.due(21 * S, c, null, true);
        assertEquals(1, last.expected());
        assertEquals(0, last.late());
        assertTrue(last.last());
        assertNull(q.due(40 * S, c, null, true), "one final report only");
    }

    @Test
    void aRealStreamReportsItsLostAndLatePacketsWhenItCloses() throws Exception {
        List<StreamQuality> got = new CopyOnWriteArrayList<>();
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 46500, "rtp.port.max", 46519,
                "bind.address", "127.0.0.1", "io.threads", 1)));
        List<Codec> codecs = List.of(new Codec(0, "PCMU", 8000, 1, null));
        try (MediaEngine e = new MediaEngine(s, MediaClock.system(), () -> null, got::add);
             DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = e.allocate("session-q", "a", true);
            r.start(new StreamSettings("a", codecs, true, (InetSocketAddress) client.getLocalAddress(), null, 20, null,
                    null, null), new CapturingOutput());
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                if (i != 7 && i != 20) { // 7 is lost, 20 comes 200 ms late, after its playout time
                    send(client, i, to);
                }
                if (i == 30) {
                    send(client, 20, to);
                }
                LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
            }
            long deadline = System.nanoTime() + 5 * S;
            while (r.statistics().received() < 39 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(got.isEmpty(), "no interval is over yet: " + got);
            r.close();
        }
        assertEquals(1, got.size(), got.toString());
        StreamQuality q = got.get(0);
        assertTrue(q.last());
        assertEquals("session-q", q.sessionId());
        assertEquals(40, q.expected());
        assertEquals(39, q.received());
        assertEquals(1, q.lost());
        assertEquals(1, q.late());
        assertTrue(q.hasJitter() && q.jitterMillis() >= 0 && q.jitterMillis() < 50, "jitter " + q.jitterMillis());
        assertNull(q.srtpSuite());
    }

    private static void send(DatagramChannel ch, int seq, InetSocketAddress to) throws Exception {
        ch.send(ByteBuffer.wrap(Rtp.packet(0, seq, 160L * seq, 0x4321, false, Rtp.ulawTone(440, 160 * seq, 160, 8000))), to);
    }
}
