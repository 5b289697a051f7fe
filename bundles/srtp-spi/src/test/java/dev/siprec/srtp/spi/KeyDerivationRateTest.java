package dev.siprec.srtp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * With KDR ≠ 0 a forged packet costs at most one session-key derivation, never evicts the keys of
 * the real stream, and the spare keys take over only once a real packet authenticated with them.
 */
class KeyDerivationRateTest {
    private static final long KDR = 16;

    @Test
    void aesCmForgedIndicesNeverEvictTheStreamsKeys() {
        AesCmSuite suite = new AesCmSuite("AES_CM_128_HMAC_SHA1_80", 16, 10);
        check(suite.newTransform(key(16), key(14), KDR, true, true), suite.newTransform(key(16), key(14), KDR, true, true),
                t -> ((AesCmTransform) t).derivations(), -1);
    }

    @Test
    void aesGcmForgedIndicesNeverEvictTheStreamsKeys() {
        AesGcmSuite suite = new AesGcmSuite("AEAD_AES_128_GCM", 16);
        check(suite.newTransform(key(16), key(12), KDR, true, true), suite.newTransform(key(16), key(12), KDR, true, true),
                t -> ((AesGcmTransform) t).derivations(), 20);
    }

    private static void check(SrtpTransform tx, SrtpTransform rx, ToLongFunction<SrtpTransform> derivations, int flip) {
        try (tx; rx) {
            byte[] good = new byte[12 + 160 + 16];
            long index = 100;
            int n = protect(tx, good, index);
            assertEquals(172, rx.unprotectRtp(good.clone(), 12, n, 7, index));
            long before = derivations.applyAsLong(rx);

            SplittableRandom random = new SplittableRandom(5);
            int forged = 10_000;
            for (int i = 0; i < forged; i++) {
                long r = random.nextLong(1L << 20);
                byte[] p = Arrays.copyOf(good, good.length);
                p[flip < 0 ? n + flip : flip] ^= 1;
                assertEquals(-1, rx.unprotectRtp(p, 12, n, 7, r * KDR + random.nextInt((int) KDR)));
            }
            long spent = derivations.applyAsLong(rx) - before;
            assertTrue(spent <= forged, "at most one derivation per forged packet: " + spent);

            // forged packets that all name one r: one derivation, whatever their number
            before = derivations.applyAsLong(rx);
            for (int i = 0; i < 1000; i++) {
                byte[] p = Arrays.copyOf(good, good.length);
                p[flip < 0 ? n + flip : flip] ^= 1;
                assertEquals(-1, rx.unprotectRtp(p, 12, n, 7, 5000 * KDR));
            }
            assertEquals(1, derivations.applyAsLong(rx) - before);

            // the stream goes on with its keys: no derivation for its next packets in the same r
            before = derivations.applyAsLong(rx);
            for (long i = 101; i < 100 + KDR - 4; i++) {
                int m = protect(tx, good, i);
                assertEquals(172, rx.unprotectRtp(good, 12, m, 7, i), "real packet " + i);
            }
            assertEquals(0, derivations.applyAsLong(rx) - before);

            // crossing into the next r: one derivation, then the spare is current
            before = derivations.applyAsLong(rx);
            for (long i = 112; i < 140; i++) {
                int m = protect(tx, good, i);
                assertEquals(172, rx.unprotectRtp(good, 12, m, 7, i), "real packet " + i);
            }
            assertEquals(2, derivations.applyAsLong(rx) - before, "r = 7 and r = 8, once each");
        }
    }

    private static int protect(SrtpTransform tx, byte[] p, long index) {
        Arrays.fill(p, (byte) 0);
        p[0] = (byte) 0x80;
        p[2] = (byte) (index >>> 8);
        p[3] = (byte) index;
        Arrays.fill(p, 12, 172, (byte) index);
        return tx.protectRtp(p, 12, 172, 7, index);
    }

    private static byte[] key(int n) {
        byte[] k = new byte[n];
        Arrays.fill(k, (byte) n);
        return k;
    }
}
