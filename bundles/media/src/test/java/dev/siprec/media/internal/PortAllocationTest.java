package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.media.api.MediaException;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.sdp.api.Codec;

/** Even RTP ports, RTCP on +1 unless muxed, busy pairs skipped, exhaustion, and release on close (sockets really free). */
class PortAllocationTest {
    private static final int MIN = 46001;
    private static final int MAX = 46007;
    private MediaEngine engine;

    private MediaEngine engine() {
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", MIN, "rtp.port.max", MAX,
                "bind.address", "127.0.0.1", "io.threads", 1)));
        engine = new MediaEngine(s, MediaClock.system(), () -> null);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void allocatesEvenPairsUntilExhaustedAndReleasesOnClose() throws Exception {
        MediaEngine e = engine();
        assertEquals(3, e.freePorts());
        MediaReceiver a = e.allocate("s", "a", false);
        MediaReceiver b = e.allocate("s", "b", true);
        MediaReceiver c = e.allocate("s", "c", false);
        List<Integer> ports = new ArrayList<>(List.of(a.local().rtpPort(), b.local().rtpPort(), c.local().rtpPort()));
        ports.sort(null);
        assertEquals(List.of(46002, 46004, 46006), ports);
        assertEquals(a.local().rtpPort() + 1, a.local().rtcpPort());
        assertEquals(b.local().rtpPort(), b.local().rtcpPort(), "rtcp-mux shares the RTP port");
        assertEquals("IP4", a.local().addressType());
        assertEquals("127.0.0.1", a.local().address());
        assertEquals(0, e.freePorts());
        MediaException ex = assertThrows(MediaException.class, () -> e.allocate("s", "d", false));
        assertTrue(ex.getMessage().contains("no free RTP port pair"), ex.getMessage());

        b.start(new StreamSettings("b", List.of(new Codec(0, "PCMU", 8000, 1, null)), true, null, null, 20),
                new CapturingOutput());
        int bPort = b.local().rtpPort();
        int aRtcp = a.local().rtcpPort();
        b.close();
        b.close(); // idempotent
        a.close();
        assertEquals(2, e.freePorts());
        // the sockets are closed, not just forgotten: the ports can be bound again at once
        try (DatagramSocket s1 = new DatagramSocket(new InetSocketAddress("127.0.0.1", bPort));
             DatagramSocket s2 = new DatagramSocket(new InetSocketAddress("127.0.0.1", aRtcp))) {
            assertTrue(s1.isBound() && s2.isBound());
        }
        c.close();
        assertEquals(0, e.allocatedPairs());
        assertEquals(List.of(), e.receivers());
    }

    @Test
    void skipsAPairBusyInAnotherProcessAndNeverLeaksAcrossManyCalls() throws Exception {
        MediaEngine e = engine();
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 46005))) {
            List<MediaReceiver> all = new ArrayList<>();
            all.add(e.allocate("s", "a", false));
            all.add(e.allocate("s", "b", false));
            for (MediaReceiver r : all) {
                assertNotEquals(46004, r.local().rtpPort());
            }
            assertThrows(MediaException.class, () -> e.allocate("s", "c", false));
            all.forEach(MediaReceiver::close);
        }
        for (int i = 0; i < 200; i++) {
            MediaReceiver r = e.allocate("s", "x" + i, i % 2 == 0);
            r.start(new StreamSettings("x", List.of(new Codec(0, "PCMU", 8000, 1, null)), true, null, null, 20),
                    new CapturingOutput());
            r.close();
        }
        assertEquals(3, e.freePorts());
        assertEquals(0, e.allocatedPairs());
    }

    /** Attack: the next call's ports were the last one's + 2, so a third host could aim at them in advance. */
    @Test
    void portsAreChosenAtRandomSoTheNextPairCannotBePredicted() throws Exception {
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 47000, "rtp.port.max", 48999,
                "bind.address", "127.0.0.1", "io.threads", 1)));
        engine = new MediaEngine(s, MediaClock.system(), () -> null);
        int successors = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int previous = -1;
        for (int i = 0; i < 40; i++) {
            MediaReceiver r = engine.allocate("s", "x" + i, true);
            int port = r.local().rtpPort();
            if (previous >= 0 && (port == previous + 2 || port == previous)) {
                successors++;
            }
            seen.add(port);
            previous = port;
            r.close();
        }
        assertTrue(successors <= 3, "allocation follows a predictable order: " + successors + " of 39 were the next pair");
        assertTrue(seen.size() >= 30, "ports repeat: only " + seen.size() + " distinct of 40");
        assertEquals(0, engine.allocatedPairs());
    }

    @Test
    void startTwiceAndUpdateBeforeStartAreStateErrors() throws Exception {
        MediaEngine e = engine();
        try (MediaReceiver r = e.allocate("s", "a", false)) {
            StreamSettings s = new StreamSettings("a", List.of(new Codec(0, "PCMU", 8000, 1, null)), true, null, null, 20);
            assertThrows(IllegalStateException.class, () -> r.update(s));
            r.start(s, new CapturingOutput());
            assertThrows(IllegalStateException.class, () -> r.start(s, new CapturingOutput()));
            assertEquals(8000, r.statistics().sampleRate());
            assertEquals(16000, e.outputSampleRate(List.of(new Codec(9, "G722", 8000, 1, null))));
            assertEquals(48000, e.outputSampleRate(List.of(new Codec(101, "telephone-event", 48000, 1, null),
                    new Codec(111, "opus", 48000, 2, null))));
        }
    }
}
