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
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.sdp.api.Codec;

/** Media on ::1: the answer advertises IP6 and packets from an IPv6 peer latch and play. */
class Ipv6Test {

    private static boolean ipv6Loopback() {
        try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    @Test
    void receivesOnIpv6Loopback() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback (::1)");
        MediaSettings s = MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 46300, "rtp.port.max", 46309,
                "bind.address", "::1", "io.threads", 1)));
        try (MediaEngine e = new MediaEngine(s, MediaClock.system(), () -> null);
             DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("::1", 0))) {
            MediaReceiver r = e.allocate("s", "v6", true);
            assertEquals("IP6", r.local().addressType());
            assertEquals("0:0:0:0:0:0:0:1", r.local().address());
            CapturingOutput out = new CapturingOutput();
            r.start(new StreamSettings("v6", List.of(new Codec(0, "PCMU", 8000, 1, null)), true, null, null, 20, null, null, java.net.InetAddress.getByName("::1")), out);
            byte[] p = Rtp.packet(0, 1, 0, 5, false, new byte[160]);
            client.send(ByteBuffer.wrap(p), new InetSocketAddress("::1", r.local().rtpPort()));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (r.statistics().received() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, r.statistics().received());
            r.close();
            assertEquals(160, out.length());
        }
    }
}
