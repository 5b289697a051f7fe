package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.media.internal.rtp.TestClock;
import dev.siprec.sdp.api.Codec;

/**
 * A stream with nothing in its jitter buffer does its tick work only every
 * {@link RtpReceiver#IDLE_TICK_NANOS}; once packets wait behind a missing one, every loop tick
 * serves it, so they are released when their wait ({@code jitter.buffer.ms}) is over, not at the
 * next idle tick. The media clock is the test's.
 */
class IdleTickTest {
    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void send(DatagramChannel ch, int seq, InetSocketAddress to) throws Exception {
        ch.send(ByteBuffer.wrap(Rtp.packet(0, seq, 160L * seq, 0x77, false, Rtp.ulawTone(440, 160 * seq, 160, 8000))), to);
    }

    @Test
    void waitingPacketsAreReleasedByTheNextTickAfterTheirWait() throws Exception {
        TestClock clock = new TestClock();
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 46540, "rtp.port.max", 46559,
                "bind.address", "127.0.0.1", "io.threads", 1, "jitter.buffer.ms", 60)));
        CapturingOutput out = new CapturingOutput();
        try (MediaEngine e = new MediaEngine(s, clock, () -> null);
             DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = e.allocate("session-tick", "a", true);
            r.start(new StreamSettings("a", List.of(new Codec(0, "PCMU", 8000, 1, null)), true,
                    (InetSocketAddress) client.getLocalAddress(), null, 20, null, null, null), out);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            send(client, 0, to);
            await(() -> r.statistics().received() == 1);
            // an idle tick at this instant; the next one is due only 100 ms of media time later
            clock.advanceMillis(200);
            Thread.sleep(100);
            send(client, 2, to); // 1 is missing: 2 and 3 wait
            send(client, 3, to);
            await(() -> r.statistics().received() == 3);
            assertEquals(0, r.statistics().lost());
            clock.advanceMillis(70); // past the 60 ms wait, before the next idle tick
            await(() -> r.statistics().lost() == 1);
            assertEquals(1, r.statistics().lost(), "released by the tick after their wait");
            await(() -> out.length() >= 4 * 160);
            assertEquals(4 * 160, out.length(), "packet 0, the lost one's concealment or silence, 2 and 3");
            r.close();
        }
    }
}
