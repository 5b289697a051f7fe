package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * Real UDP on 127.0.0.1 into a running media engine: paced RTP (and SRTP through a test-double engine),
 * RTCP on its own port and multiplexed, a DTMF event; the PCM delivered must hold the tone (Goertzel)
 * and last as long as what was sent, within 5 %.
 */
class UdpEndToEndTest {
    private static final List<Codec> CODECS = List.of(new Codec(0, "PCMU", 8000, 1, null),
            new Codec(101, "telephone-event", 8000, 1, "0-16"));
    private final FakeSrtpEngine srtp = new FakeSrtpEngine();
    private MediaEngine engine;

    private MediaEngine engine() {
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 46100, "rtp.port.max", 46199,
                "bind.address", "127.0.0.1", "io.threads", 2)));
        engine = new MediaEngine(s, MediaClock.system(), () -> srtp);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Sends {@code packets} 20 ms PCMU packets of {@code freq} in real time, packet 25 replaced by a DTMF event. */
    private static void stream(DatagramChannel ch, InetSocketAddress to, int packets, double freq, byte[] key)
            throws Exception {
        stream(ch, to, 0, packets, freq, key);
    }

    /** As above, sequence numbers from {@code firstSeq}, timestamps always from 0. */
    private static void stream(DatagramChannel ch, InetSocketAddress to, int firstSeq, int packets, double freq,
                               byte[] key) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            byte[] p = i == 25
                    ? Rtp.packet(101, firstSeq + i, 160L * i, 0x1234, true, new byte[] {9, (byte) 0x8A, 0, (byte) 160})
                    : Rtp.packet(0, firstSeq + i, 160L * i, 0x1234, false, Rtp.ulawTone(freq, 160 * i, 160, 8000));
            send(ch, key == null ? p : FakeSrtpEngine.protect(key, p, false), to);
            if (i == 25) {
                send(ch, key == null ? p : FakeSrtpEngine.protect(key, p, false), to); // retransmitted end
            }
            LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
        }
    }

    private static void send(DatagramChannel ch, byte[] p, InetSocketAddress to) throws Exception {
        ch.send(ByteBuffer.wrap(p), to);
    }

    private static byte[] senderReport(long ssrc, long rtpTs) {
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) 200;
        sr[3] = 6;
        Rtp.put32(sr, 4, ssrc);
        Rtp.put32(sr, 8, System.currentTimeMillis() / 1000 + 2_208_988_800L);
        Rtp.put32(sr, 16, rtpTs);
        return sr;
    }

    private static StreamStatistics await(MediaReceiver r, long received) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        StreamStatistics s = r.statistics();
        while (s.received() < received && System.nanoTime() < deadline) {
            Thread.sleep(5);
            s = r.statistics();
        }
        return s;
    }

    private static void assertTone(CapturingOutput out, int expectedSamples, double freq, long dtmfAt) {
        assertNull(out.error, out.error);
        assertEquals(expectedSamples, out.length(), expectedSamples * 0.05, "duration within 5 %");
        short[] pcm = out.samples();
        double purity = Rtp.goertzel(pcm, 0, 4000, freq, 8000) / (2 * Rtp.power(pcm, 0, 4000));
        assertTrue(purity > 0.9, "tone purity " + purity);
        assertEquals(1, out.dtmf.size());
        assertEquals('9', out.dtmf.get(0).digit());
        assertEquals(dtmfAt, out.dtmf.get(0).position(), 160);
    }

    /**
     * Packets the client sent before the BYE but still waiting in the socket when the stream closes
     * (its I/O thread was busy) are taken and counted, not dropped with the socket.
     */
    @Test
    void packetsStillInTheSocketAtCloseAreTaken() throws Exception {
        MediaEngine e = engine();
        CapturingOutput out = new CapturingOutput();
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = e.allocate("session-drain", "a", true);
            InetSocketAddress offered = (InetSocketAddress) client.getLocalAddress();
            r.start(new StreamSettings("a", CODECS, true, offered, null, 20, null, null, null), out);
            InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            IoLoop loop = ((RtpReceiver) r).loop();
            java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
            loop.execute(() -> {
                blocked.countDown();
                try {
                    busy.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(blocked.await(30, java.util.concurrent.TimeUnit.SECONDS), "the I/O thread never ran the blocking task");
            for (int i = 0; i < 30; i++) {
                send(client, Rtp.packet(0, i, 160L * i, 0x1234, false, Rtp.ulawTone(440, 160 * i, 160, 8000)), rtp);
            }
            Thread closer = new Thread(r::close, "closer");
            closer.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (loop.queuedTasks() == 0 && System.nanoTime() < deadline) { // close() has queued its work
                Thread.sleep(1);
            }
            assertTrue(loop.queuedTasks() > 0, "close() queued nothing on the I/O thread");
            busy.countDown();
            closer.join(30_000);
            assertEquals(30, r.statistics().received(), "every packet that reached the socket before the close");
            assertEquals(30 * 160, out.length(), "and its audio");
        }
    }

    /** Attack (issue 9, item 1) over real sockets: a host other than the offered one sends first, then keeps sending. */
    @Test
    void aHostTheOfferDoesNotNameCannotInjectOrTakeOver() throws Exception {
        MediaEngine e = engine();
        CapturingOutput out = new CapturingOutput();
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel intruder = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.2", 0))) {
            MediaReceiver r = e.allocate("session-1", "a", true);
            InetSocketAddress offered = (InetSocketAddress) client.getLocalAddress();
            r.start(new StreamSettings("a", CODECS, true, offered, null, 20, null, null, null), out);
            InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            for (int i = 0; i < 10; i++) {
                send(intruder, Rtp.packet(0, i, 160L * i, 0x999, false, new byte[160]), rtp);
            }
            stream(client, rtp, 0, 25, 1000, null);
            for (int i = 10; i < 20; i++) {
                send(intruder, Rtp.packet(0, i, 160L * i, 0x999, false, new byte[160]), rtp);
            }
            StreamStatistics s = await(r, 25);
            assertEquals("127.0.0.1:" + offered.getPort(), s.latched());
            assertEquals(List.of(0x1234L), s.ssrcs(), "the intruder's SSRC reached the pipeline");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (r.statistics().refusedSource() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(20, r.statistics().refusedSource());
            r.close();
        }
        assertEquals(25 * 160, out.length(), 160);
    }

    @Test
    void plainRtpWithRtcpOnItsOwnPort() throws Exception {
        MediaEngine e = engine();
        CapturingOutput out = new CapturingOutput();
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel intruder = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = e.allocate("session-1", "a", false);
            r.start(new StreamSettings("a", CODECS, true, null, null, 20, null, null, java.net.InetAddress.getLoopbackAddress()), out);
            InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            InetSocketAddress rtcp = new InetSocketAddress("127.0.0.1", r.local().rtcpPort());
            stream(client, rtp, 0, 25, 1000, null);
            send(intruder, Rtp.packet(0, 99, 0, 0x999, false, new byte[160]), rtp);
            send(client, senderReport(0x1234, 4000), rtcp);
            stream(client, rtp, 25, 50, 1000, null);
            StreamStatistics s = await(r, 76);
            assertEquals("127.0.0.1:" + ((InetSocketAddress) client.getLocalAddress()).getPort(), s.latched());
            assertEquals(List.of(0x1234L), s.ssrcs());
            assertEquals(1, s.rtcpPackets());
            assertTrue(s.refusedSource() >= 1, "intruder dropped");
            assertEquals("PCMU", s.codec());
            r.close();
        }
        // 25 + 50 packets, the second run restarting its timestamps at 0 (they went back by 0.5 s)
        assertTone(out, 75 * 160, 1000, 50 * 160);
        assertTrue(out.timings.stream().anyMatch(t -> t.fromRtcp()), "SR timing");
        assertEquals(0, e.receivers().size());
    }

    @Test
    void srtpWithMultiplexedRtcp() throws Exception {
        MediaEngine e = engine();
        CapturingOutput out = new CapturingOutput();
        byte[] key = new byte[16];
        java.util.Arrays.fill(key, (byte) 0x5A);
        SrtpPolicy policy = SrtpPolicy.of("FAKE_AES", new SrtpMasterKey(key, new byte[14]));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = e.allocate("session-2", "b", true);
            r.start(new StreamSettings("b", CODECS, true, null, policy, 20, null, null, java.net.InetAddress.getLoopbackAddress()), out);
            InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            byte[] forged = Rtp.packet(0, 1, 160, 0x1234, false, new byte[160]);
            send(client, java.util.Arrays.copyOf(forged, forged.length + 4), rtp);
            stream(client, rtp, 50, 700, key);
            send(client, FakeSrtpEngine.protect(key, senderReport(0x1234, 800), true), rtp);
            StreamStatistics s = await(r, 50);
            assertEquals(1, s.authFailed());
            assertEquals("FAKE_AES", s.srtpSuite());
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (r.statistics().rtcpPackets() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, r.statistics().rtcpPackets());
            r.close();
        }
        assertTone(out, 50 * 160, 700, 25 * 160);
        assertTrue(srtp.sessions.get(0).closed, "keys wiped on close");
    }

    @Test
    void undecodablePayloadIsKeptAsPcapUnderTheConfiguredDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 46120, "rtp.port.max", 46129,
                "bind.address", "127.0.0.1", "io.threads", 1, "raw.directory", dir.toString())));
        engine = new MediaEngine(s, MediaClock.system(), () -> srtp);
        CapturingOutput out = new CapturingOutput();
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = engine.allocate("call/1+x", "v", true);
            r.start(new StreamSettings("v", List.of(new Codec(98, "iLBC", 8000, 1, "mode=30")), true, null, null, 30, null, null, java.net.InetAddress.getLoopbackAddress()), out);
            for (int i = 0; i < 3; i++) {
                send(client, Rtp.packet(98, i, 240L * i, 1, false, new byte[50]),
                        new InetSocketAddress("127.0.0.1", r.local().rtpPort()));
            }
            await(r, 3);
            r.close();
            java.nio.file.Path file = dir.resolve("call_1_x").resolve("stream-v.pcap");
            assertEquals(file, r.statistics().rawFile());
            assertEquals(24 + 3 * (16 + 20 + 8 + 12 + 50), java.nio.file.Files.size(file));
        }
        assertEquals(0, out.length());
    }
}
