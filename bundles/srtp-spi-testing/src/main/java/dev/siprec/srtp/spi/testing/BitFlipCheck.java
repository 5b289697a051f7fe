package dev.siprec.srtp.spi.testing;

import java.util.SplittableRandom;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;

/**
 * Forgery resistance of a suite's transform, checked by brute force: protected SRTP and SRTCP
 * packets with one random bit flipped anywhere (header, payload, E/index word or tag) must all be
 * refused ({@code -1}), while every unmodified packet is accepted. Random master key and salt,
 * random payloads and lengths, indices that advance, a fixed seed so that a failure repeats.
 */
public final class BitFlipCheck {
    private BitFlipCheck() {
    }

    /** What ran: the counts of forged packets tried (all refused, or the check had thrown). */
    public record Result(long rtpForgeries, long rtcpForgeries) {
    }

    /**
     * @param suite the suite under test
     * @param rtpPackets forged SRTP packets to try
     * @param rtcpPackets forged SRTCP packets to try
     * @param seed random seed
     * @throws AssertionError naming the packet when a forged packet was accepted or a good one refused
     */
    public static Result run(SrtpCryptoSuite suite, int rtpPackets, int rtcpPackets, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] key = new byte[suite.masterKeyLength()];
        byte[] salt = new byte[suite.masterSaltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        int tag = Math.max(suite.srtpAuthTagLength(), suite.srtcpAuthTagLength());
        byte[] good = new byte[12 + 300 + tag + 4];
        byte[] work = new byte[good.length];
        try (SrtpTransform tx = suite.newTransform(key, salt, 0, true, true);
                SrtpTransform rx = suite.newTransform(key, salt, 0, true, true)) {
            long ssrc = random.nextLong(1L << 32);
            int n = 0;
            int plain = 0;
            long index = random.nextLong(1L << 32);
            for (int i = 0; i < rtpPackets; i++) {
                if (i % 64 == 0) {
                    index++;
                    plain = 12 + random.nextInt(1, 300);
                    rtpPacket(good, plain, ssrc, index, random);
                    n = tx.protectRtp(good, 12, plain, ssrc, index);
                    System.arraycopy(good, 0, work, 0, n);
                    DetachedSuiteCheck.check(rx.unprotectRtp(work, 12, n, ssrc, index) == plain,
                            "good SRTP packet refused at index " + index);
                }
                System.arraycopy(good, 0, work, 0, n);
                int bit = random.nextInt(n * 8);
                work[bit >>> 3] ^= (byte) (1 << (bit & 7));
                DetachedSuiteCheck.check(rx.unprotectRtp(work, 12, n, ssrc, index) == -1,
                        suite.name() + ": SRTP packet with bit " + bit + " flipped accepted at index " + index);
            }
            int srtcpIndex = random.nextInt(1 << 30);
            for (int i = 0; i < rtcpPackets; i++) {
                if (i % 64 == 0) {
                    srtcpIndex++;
                    plain = 8 + 4 * random.nextInt(1, 70);
                    random.nextBytes(good);
                    good[0] = (byte) 0x81;
                    good[1] = (byte) 200;
                    n = tx.protectRtcp(good, plain, ssrc, srtcpIndex, (i & 64) == 0);
                    System.arraycopy(good, 0, work, 0, n);
                    DetachedSuiteCheck.check(rx.unprotectRtcp(work, n, ssrc) == plain,
                            "good SRTCP packet refused at index " + srtcpIndex);
                }
                System.arraycopy(good, 0, work, 0, n);
                int bit = random.nextInt(n * 8);
                work[bit >>> 3] ^= (byte) (1 << (bit & 7));
                DetachedSuiteCheck.check(rx.unprotectRtcp(work, n, ssrc) == -1,
                        suite.name() + ": SRTCP packet with bit " + bit + " flipped accepted at index " + srtcpIndex);
            }
        }
        return new Result(rtpPackets, rtcpPackets);
    }

    private static void rtpPacket(byte[] p, int length, long ssrc, long index, SplittableRandom random) {
        random.nextBytes(p);
        p[0] = (byte) 0x80;
        p[1] = (byte) 0;
        p[2] = (byte) (index >>> 8);
        p[3] = (byte) index;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
    }
}
