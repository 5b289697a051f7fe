package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.kex.api.MediaPort;
import dev.siprec.kex.api.MediaPortHandler;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.core.internal.SrtpEngineImpl;

/**
 * The media layer keyed by a key exchange's {@link MediaKeys} over real UDP with the real SRTP
 * engine: keys at once (SDES), keys that arrive later from a handshake on the media port (a fake
 * DTLS-SRTP that completes {@code ready()} after some milliseconds; packets before are counted and
 * dropped, never decoded; packets after are decoded), keys that never come, and the port handler
 * that receives first-byte-demultiplexed DTLS datagrams (RFC 7983) and sends from the stream's port.
 */
class KeyExchangeMediaTest {
    private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
    private static final List<Codec> CODECS = List.of(new Codec(8, "PCMA", 8000, 1, null));
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private MediaEngine media;
    private SrtpEngineImpl srtp;

    /** A key exchange's keys for one stream: its port handler records datagrams and echoes them. */
    static final class FakeKeys implements MediaKeys, MediaPortHandler {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final List<SrtpPolicy> handedOut = new CopyOnWriteArrayList<>();
        final List<byte[]> datagrams = new CopyOnWriteArrayList<>();
        final AtomicInteger attached = new AtomicInteger();
        final AtomicInteger detached = new AtomicInteger();
        final boolean onPort;
        final int seed;
        volatile MediaPort port;

        FakeKeys(int seed, boolean onPort) {
            this.seed = seed;
            this.onPort = onPort;
        }

        @Override
        public KeyingInfo info() {
            return new KeyingInfo(onPort ? "DTLS" : "SDES", SUITE, onPort ? "SRTP_AES128_CM_SHA1_80" : null,
                    onPort ? "server" : "answerer", null);
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready;
        }

        @Override
        public SrtpPolicy receivePolicy() {
            if (!ready.isDone() || ready.isCompletedExceptionally()) {
                throw new IllegalStateException("no keys yet");
            }
            SrtpPolicy p = policy(seed);
            handedOut.add(p);
            return p;
        }

        @Override
        public SrtpPolicy sendPolicy() {
            return receivePolicy();
        }

        @Override
        public Optional<MediaPortHandler> mediaPortHandler() {
            return onPort ? Optional.of(this) : Optional.empty();
        }

        @Override
        public void attach(MediaPort p) {
            port = p;
            attached.incrementAndGet();
        }

        @Override
        public void datagram(byte[] data, int offset, int length, InetSocketAddress source) {
            byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
            datagrams.add(copy);
            byte[] reply = copy.clone();
            reply[1] = (byte) 0xEE;
            port.send(reply, 0, reply.length, source); // the flight answering it
        }

        @Override
        public void detach() {
            detached.incrementAndGet();
        }
    }

    static SrtpPolicy policy(int seed) {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * seed + 3);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i + seed);
        }
        return SrtpPolicy.of(SUITE, new SrtpMasterKey(key, salt));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        if (media != null) {
            media.close();
        }
    }

    private MediaReceiver receiver(int portBase) throws Exception {
        srtp = SrtpEndToEndTest.srtpEngine();
        media = new MediaEngine(MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", portBase,
                "rtp.port.max", portBase + 99, "bind.address", "127.0.0.1", "io.threads", 1))), MediaClock.system(),
                () -> srtp);
        return media.allocate("s", "a", true);
    }

    private static StreamSettings settings(MediaKeys keys) {
        return new StreamSettings("a", CODECS, true, null, null, 20, null, null, LOOPBACK, keys);
    }

    /** Sends SRTP packet {@code i} protected by {@code sender}. */
    private static void send(DatagramChannel client, SrtpSession sender, int i, InetSocketAddress to) throws Exception {
        byte[] buf = new byte[2048];
        byte[] rtp = Rtp.packet(8, 100 + i, 160L * i, 0xBEEF, false, alawTone(160 * i));
        System.arraycopy(rtp, 0, buf, 0, rtp.length);
        SrtpPacket packet = new SrtpPacket(buf);
        packet.length(rtp.length);
        sender.protectRtp(packet);
        client.send(ByteBuffer.wrap(buf, 0, packet.length()), to);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void keysAvailableAtOnceDecodeTheFirstPacket() throws Exception {
        MediaReceiver r = receiver(46400);
        FakeKeys keys = new FakeKeys(7, false);
        keys.ready.complete(null);
        CapturingOutput out = new CapturingOutput();
        r.start(settings(keys), out);
        assertEquals(1, keys.handedOut.size());
        assertTrue(keys.handedOut.get(0).keys().stream().allMatch(SrtpMasterKey::isDestroyed),
                "the media layer wipes its copy once the engine has the keys");
        SrtpSession sender = srtp.newSession(policy(7));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            for (int i = 0; i < 10; i++) {
                send(client, sender, i, to);
            }
            await(() -> r.statistics().received() == 10, "10 packets decoded");
        } finally {
            sender.close();
        }
        StreamStatistics s = r.statistics();
        assertEquals(0, s.droppedBeforeKeys());
        assertEquals(0, s.authFailed());
        assertEquals(SUITE, s.srtpSuite());
        r.close();
        assertEquals(SUITE, r.statistics().srtpSuite(), "the final statistics still name the suite the stream was keyed with");
        assertNull(out.error, out.error);
    }

    @Test
    void keysFromAHandshakeArriveLaterPacketsBeforeAreDroppedNotDecoded() throws Exception {
        MediaReceiver r = receiver(46500);
        FakeKeys keys = new FakeKeys(11, true);
        CapturingOutput out = new CapturingOutput();
        r.start(settings(keys), out);
        assertEquals(1, keys.attached.get(), "the port handler is attached when the stream starts");
        assertTrue(keys.handedOut.isEmpty());
        SrtpSession sender = srtp.newSession(policy(11));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            // a DTLS record (content type 22, handshake) reaches the handler, whose answer comes from the RTP port
            byte[] hello = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
            client.send(ByteBuffer.wrap(hello), to);
            await(() -> keys.datagrams.size() == 1, "the DTLS datagram at the handler");
            assertArrayEquals(hello, keys.datagrams.get(0));
            ByteBuffer reply = ByteBuffer.allocate(100);
            client.configureBlocking(true);
            client.socket().setSoTimeout(5000);
            InetSocketAddress from = (InetSocketAddress) client.receive(reply);
            assertEquals(r.local().rtpPort(), from.getPort(), "the flight is sent from the stream's RTP port");
            assertEquals((byte) 0xEE, reply.get(1));

            for (int i = 0; i < 10; i++) {
                send(client, sender, i, to);
            }
            await(() -> r.statistics().droppedBeforeKeys() == 10, "10 packets dropped before the keys");
            assertEquals(0, r.statistics().received(), "no packet decoded before the keys");
            assertEquals(0, out.length());

            timer.schedule(() -> keys.ready.complete(null), 200, TimeUnit.MILLISECONDS); // the handshake completes
            await(() -> keys.ready.isDone(), "the handshake");
            int i = 10;
            while (r.statistics().received() == 0) { // the keys are installed on the stream's I/O thread
                assertTrue(i < 260, "keys never installed");
                send(client, sender, i++, to);
                Thread.sleep(20);
            }
            Thread.sleep(100); // let a packet still in flight arrive before counting
            long droppedAfter = r.statistics().droppedBeforeKeys();
            long expected = r.statistics().received() + 20;
            for (int n = 0; n < 20; n++) {
                send(client, sender, i++, to);
            }
            await(() -> r.statistics().received() >= expected, "20 packets decoded under the late keys");
            assertEquals(droppedAfter, r.statistics().droppedBeforeKeys(), "nothing dropped once keyed");
            assertEquals(0, r.statistics().authFailed());
            assertEquals(1, r.statistics().keyExchangeDatagrams());
        } finally {
            sender.close();
        }
        assertEquals(1, keys.handedOut.size());
        assertTrue(keys.handedOut.get(0).keys().stream().allMatch(SrtpMasterKey::isDestroyed));
        r.close();
        assertEquals(1, keys.detached.get(), "the port handler is detached when the stream ends");
        assertEquals(SUITE, r.statistics().srtpSuite(), "the suite of the late keys outlives the stream's end");
        assertNull(out.error, out.error);
        assertTrue(out.length() > 0);
    }

    @Test
    void keysThatNeverComeLeaveEveryPacketDroppedAndTheStreamUsable() throws Exception {
        MediaReceiver r = receiver(46600);
        FakeKeys keys = new FakeKeys(13, true);
        CapturingOutput out = new CapturingOutput();
        r.start(settings(keys), out);
        keys.ready.completeExceptionally(new IllegalStateException("fingerprint mismatch"));
        SrtpSession sender = srtp.newSession(policy(13));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            for (int i = 0; i < 5; i++) {
                send(client, sender, i, to);
            }
            await(() -> r.statistics().droppedBeforeKeys() == 5, "5 packets dropped");
        } finally {
            sender.close();
        }
        assertEquals(0, r.statistics().received());
        assertTrue(keys.handedOut.isEmpty(), "no policy asked of keys that failed");
        r.close();
        assertEquals(1, keys.detached.get());
    }

    @Test
    void aRenegotiationWithNewLateKeysKeepsTheOldKeysUntilThen() throws Exception {
        MediaReceiver r = receiver(46700);
        FakeKeys first = new FakeKeys(17, true);
        first.ready.complete(null);
        CapturingOutput out = new CapturingOutput();
        r.start(settings(first), out);
        FakeKeys second = new FakeKeys(19, true);
        r.update(settings(second));
        assertEquals(1, first.detached.get(), "the previous association's handler is detached");
        assertEquals(1, second.attached.get());
        SrtpSession old = srtp.newSession(policy(17));
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            for (int i = 0; i < 5; i++) {
                send(client, old, i, to);
            }
            await(() -> r.statistics().received() == 5, "packets under the old keys decoded while the new ones are pending");
            assertEquals(0, r.statistics().droppedBeforeKeys());
        } finally {
            old.close();
        }
        r.update(settings(second)); // the same keys again: nothing changes
        assertEquals(1, second.attached.get());
        assertFalse(second.ready.isDone());
        r.close();
        assertEquals(1, second.detached.get());
        assertTrue(second.handedOut.isEmpty(), "keys completed after the end are never asked for");
    }

    private static byte[] alawTone(int start) {
        byte[] p = new byte[160];
        for (int i = 0; i < 160; i++) {
            int v = (int) Math.round(6000 * Math.sin(2 * Math.PI * 1000 * (start + i) / 8000.0));
            int sign = v >= 0 ? 0x80 : 0;
            int mag = Math.min(v >= 0 ? v : -v - 1, 32767) >> 3;
            int seg = 0;
            while (seg < 7 && mag >= (32 << seg)) {
                seg++;
            }
            int mant = seg == 0 ? (mag >> 1) & 0x0F : (mag >> seg) & 0x0F;
            p[i] = (byte) ((sign | (seg << 4) | mant) ^ 0x55);
        }
        return p;
    }
}
