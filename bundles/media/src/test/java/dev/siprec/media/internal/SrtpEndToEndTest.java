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
import org.osgi.util.converter.Converters;

import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.rtp.CapturingOutput;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.Rtp;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.core.internal.SrtpEngineImpl;
import dev.siprec.srtp.core.internal.SuiteRegistry;
import dev.siprec.srtp.suite.aescm.internal.AesCm128HmacSha1_80;

/**
 * SRTP end to end with the project's real engine (srtp-core and the AES-CM suite, RFC 3711): a sender
 * protects paced RTP with AES_CM_128_HMAC_SHA1_80 and re-keys mid-stream (RFC 4568 §7.1.4): packets
 * under the old key still in flight are accepted until the first packet under the new key arrives.
 */
class SrtpEndToEndTest {
    private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
    private static final List<Codec> CODECS = List.of(new Codec(8, "PCMA", 8000, 1, null));
    private MediaEngine media;

    static SrtpEngineImpl srtpEngine() {
        SuiteRegistry registry = new SuiteRegistry();
        SrtpCryptoSuite suite = new AesCm128HmacSha1_80();
        registry.add(suite, Map.of(SrtpCryptoSuite.SUITE, suite.name()), "test");
        // a converter-made config: keys not given keep their defaults, so new engine settings do not break this test
        return new SrtpEngineImpl(registry, Converters.standardConverter()
                .convert(Map.of("max.sessions", 10, "roc.probe.range", 0, "roc.probe.packets", 0))
                .to(SrtpEngineImpl.Config.class));
    }

    private static SrtpPolicy policy(int seed) {
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
        if (media != null) {
            media.close();
        }
    }

    private static byte[] alawTone(int start) {
        byte[] p = new byte[160];
        for (int i = 0; i < 160; i++) {
            int v = (int) Math.round(6000 * Math.sin(2 * Math.PI * 1200 * (start + i) / 8000.0));
            p[i] = alaw(v);
        }
        return p;
    }

    /** G.711 A-law compression, for test payloads. */
    private static byte alaw(int sample) {
        int sign = sample >= 0 ? 0x80 : 0;
        int mag = Math.min(sample >= 0 ? sample : -sample - 1, 32767) >> 3;
        int seg = 0;
        while (seg < 7 && mag >= (32 << seg)) {
            seg++;
        }
        int mant = seg == 0 ? (mag >> 1) & 0x0F : (mag >> seg) & 0x0F;
        return (byte) ((sign | (seg << 4) | mant) ^ 0x55);
    }

    @Test
    void aesCmStreamWithRekeyAndSrtcp() throws Exception {
        SrtpEngineImpl srtp = srtpEngine();
        media = new MediaEngine(MediaSettings.from(MediaSettingsTest.config(Map.of("rtp.port.min", 46200,
                "rtp.port.max", 46299, "bind.address", "127.0.0.1", "io.threads", 1))), MediaClock.system(), () -> srtp);
        CapturingOutput out = new CapturingOutput();
        SrtpSession old = srtp.newSession(policy(5));
        SrtpSession fresh = srtp.newSession(policy(9));
        byte[] buf = new byte[2048];
        SrtpPacket packet = new SrtpPacket(buf);
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaReceiver r = media.allocate("s", "a", false);
            r.start(new StreamSettings("a", CODECS, true, null, policy(5), 20, null, null, java.net.InetAddress.getLoopbackAddress()), out);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.local().rtpPort());
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                if (i == 25) {
                    r.update(new StreamSettings("a", CODECS, true, null, policy(9), 20, null, null, java.net.InetAddress.getLoopbackAddress()));
                }
                byte[] rtp = Rtp.packet(8, 40000 + i, 1000 + 160L * i, 0xCAFE, false, alawTone(160 * i));
                System.arraycopy(rtp, 0, buf, 0, rtp.length);
                packet.length(rtp.length);
                (i < 30 ? old : fresh).protectRtp(packet);
                client.send(ByteBuffer.wrap(buf, 0, packet.length()), to);
                LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
            }
            byte[] sr = new byte[28];
            sr[0] = (byte) 0x80;
            sr[1] = (byte) 200;
            sr[3] = 6;
            Rtp.put32(sr, 4, 0xCAFE);
            Rtp.put32(sr, 8, System.currentTimeMillis() / 1000 + 2_208_988_800L);
            Rtp.put32(sr, 16, 1000 + 160 * 30);
            System.arraycopy(sr, 0, buf, 0, sr.length);
            packet.length(sr.length);
            fresh.protectRtcp(packet);
            client.send(ByteBuffer.wrap(buf, 0, packet.length()), new InetSocketAddress("127.0.0.1", r.local().rtcpPort()));
            long deadline = System.nanoTime() + 3_000_000_000L;
            StreamStatistics s = r.statistics();
            while ((s.received() < 60 || s.rtcpPackets() < 1) && System.nanoTime() < deadline) {
                Thread.sleep(5);
                s = r.statistics();
            }
            assertEquals(60, s.received());
            assertEquals(0, s.authFailed());
            assertEquals(1, s.rtcpPackets());
            assertEquals(SUITE, s.srtpSuite());
            r.close();
        } finally {
            old.close();
            fresh.close();
        }
        assertNull(out.error, out.error);
        assertEquals(60 * 160, out.length(), 60 * 160 * 0.05);
        short[] pcm = out.samples();
        double purity = Rtp.goertzel(pcm, 0, pcm.length, 1200, 8000) / (2 * Rtp.power(pcm, 0, pcm.length));
        assertTrue(purity > 0.9, "tone purity " + purity);
        assertTrue(out.timings.stream().anyMatch(t -> t.fromRtcp() && t.position() == 30 * 160), "SRTCP sender report");
    }
}
