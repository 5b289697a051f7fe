package dev.siprec.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Compound RTCP (RFC 3550 §6): SR, RR, SDES, BYE, and the bounds that reject malformed compounds. */
class RtcpParserTest {
    private final List<String> events = new ArrayList<>();
    private final RtcpParser.Listener listener = new RtcpParser.Listener() {
        @Override
        public void senderReport(long ssrc, long ntpSeconds, long ntpFraction, long rtpTimestamp) {
            events.add("SR " + ssrc + " " + ntpSeconds + "." + ntpFraction + " " + rtpTimestamp);
        }

        @Override
        public void bye(long ssrc) {
            events.add("BYE " + ssrc);
        }
    };

    private static byte[] header(int count, int pt, int words, boolean padding) {
        return new byte[] {(byte) (0x80 | (padding ? 0x20 : 0) | count), (byte) pt, (byte) (words >> 8), (byte) words};
    }

    private static byte[] sr(long ssrc, int reports) {
        byte[] b = new byte[28 + 24 * reports];
        System.arraycopy(header(reports, 200, b.length / 4 - 1, false), 0, b, 0, 4);
        Rtp.put32(b, 4, ssrc);
        Rtp.put32(b, 8, 0xE8000000L);
        Rtp.put32(b, 12, 0x40000000L);
        Rtp.put32(b, 16, 123456);
        return b;
    }

    private static byte[] sdes() {
        // one chunk: SSRC, CNAME "ab", end, padded to 32 bits
        byte[] b = {(byte) 0x81, (byte) 202, 0, 3, 0, 0, 0, 7, 1, 2, 'a', 'b', 0, 0, 0, 0};
        return b;
    }

    private static byte[] bye(long... ssrcs) {
        byte[] b = new byte[4 + 4 * ssrcs.length];
        System.arraycopy(header(ssrcs.length, 203, ssrcs.length, false), 0, b, 0, 4);
        for (int i = 0; i < ssrcs.length; i++) {
            Rtp.put32(b, 4 + 4 * i, ssrcs[i]);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private int parse(byte[] b) {
        return RtcpParser.parse(b, b.length, listener);
    }

    @Test
    void parsesACompoundPacket() {
        byte[] c = concat(sr(7, 1), sdes(), bye(7, 8));
        assertEquals(3, parse(c));
        assertEquals(List.of("SR 7 3892314112.1073741824 123456", "BYE 7", "BYE 8"), events);
    }

    @Test
    void acceptsReceiverReportsAndReducedSize() {
        byte[] rr = new byte[8];
        System.arraycopy(header(0, 201, 1, false), 0, rr, 0, 4);
        assertEquals(2, parse(concat(rr, sdes())));
        assertEquals(1, parse(bye(3)));
    }

    @Test
    void rejectsMalformedCompounds() {
        byte[] wrongVersion = sr(7, 0);
        wrongVersion[0] = 0x40;
        assertEquals(-1, parse(wrongVersion));
        byte[] tooLong = sr(7, 0);
        tooLong[3] = 50;
        assertEquals(-1, parse(tooLong));
        byte[] shortSr = sr(7, 0);
        shortSr[0] = (byte) 0x81; // claims one report block it does not have
        assertEquals(-1, parse(shortSr));
        byte[] padded = sr(7, 0);
        padded[0] |= 0x20;
        assertEquals(-1, parse(concat(padded, bye(1))), "padding only in the last packet");
        assertEquals(-1, parse(new byte[] {(byte) 0x80, 0, 0, 0}), "RTP payload type is not RTCP");
        assertEquals(-1, parse(concat(sr(7, 0), new byte[2])), "trailing bytes");
        byte[][] many = new byte[RtcpParser.MAX_PACKETS + 1][];
        java.util.Arrays.fill(many, bye(1));
        assertEquals(-1, parse(concat(many)));
        assertEquals(List.of(), events);
    }
}
