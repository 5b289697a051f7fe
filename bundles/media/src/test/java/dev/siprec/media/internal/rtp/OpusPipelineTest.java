package dev.siprec.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sdp.api.Codec;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;

/** Opus through the stream path: 48 kHz output, a lost packet concealed by PLC rather than silence, L16 downmix. */
class OpusPipelineTest {
    private final TestClock clock = new TestClock();
    private final CapturingOutput out = new CapturingOutput();
    private final StreamCounters counters = new StreamCounters();

    @Test
    void opusStreamWithALostPacketKeepsDurationAndConceals() throws Exception {
        List<Codec> codecs = List.of(new Codec(111, "opus", 48000, 2, "useinbandfec=1"));
        StreamPipeline p = new StreamPipeline("o", 48000, codecs, null, 60_000_000L, new SafeOutput("o", out), clock,
                counters, new InetSocketAddress("127.0.0.1", 20000));
        OpusEncoder enc = new OpusEncoder(48000, 2, OpusApplication.OPUS_APPLICATION_VOIP);
        short[] frame = new short[960 * 2];
        byte[] data = new byte[1500];
        for (int f = 0; f < 50; f++) {
            for (int i = 0; i < 960; i++) {
                short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * 500 * (f * 960 + i) / 48000.0));
                frame[2 * i] = v;
                frame[2 * i + 1] = v;
            }
            int len = enc.encode(frame, 0, 960, data, 0, data.length);
            if (f != 30) {
                byte[] pkt = Rtp.packet(111, f, 960L * f, 9, false, java.util.Arrays.copyOf(data, len));
                p.packet(pkt, pkt.length, clock.now, null);
            }
            clock.advanceMillis(20);
        }
        p.close();
        assertNull(out.error, out.error);
        assertEquals(48000, out.length());
        assertEquals(1, counters.lost);
        assertEquals("opus", counters.codec);
        short[] pcm = out.samples();
        // the concealed frame is not silence
        assertTrue(Rtp.power(pcm, 30 * 960, 31 * 960) > 1000, "PLC fills the gap");
        double purity = Rtp.goertzel(pcm, 4800, 48000, 500, 48000) / (2 * Rtp.power(pcm, 4800, 48000));
        assertTrue(purity > 0.9, "500 Hz purity " + purity);
    }

    @Test
    void l16StereoIsDownmixed() {
        List<Codec> codecs = List.of(new Codec(97, "L16", 16000, 2, null));
        StreamPipeline p = new StreamPipeline("l", 16000, codecs, null, 60_000_000L, new SafeOutput("l", out), clock,
                counters, new InetSocketAddress("127.0.0.1", 20000));
        byte[] payload = {0x10, 0x00, 0x20, 0x00, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFC};
        byte[] pkt = Rtp.packet(97, 1, 0, 9, false, payload);
        p.packet(pkt, pkt.length, clock.now, null);
        p.close();
        assertEquals(2, out.length());
        assertEquals(0x1800, out.samples()[0]);
        assertEquals(-3, out.samples()[1]);
    }
}
