package dev.siprec.srtp.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * What a transform keeps, and when: with KDR = 0 the KDF goes at the first packet (its cipher serves
 * the first direction, the other direction's keys wait as bytes), those bytes are used by the other
 * direction's first packet and wiped then or at close, every key set made lazily is wiped at close,
 * and the thread's shared buffers keep no pad, IV or derived key between calls.
 */
class KeyLifecycleTest {

    @Test
    void aesCmReleasesTheKdfAtTheFirstPacketAndKeepsTheOtherDirectionAsBytes() {
        AesCmSuite suite = new AesCmSuite("AES_CM_128_HMAC_SHA1_80", 16, 10);
        AesCmTransform tx = (AesCmTransform) suite.newTransform(key(16, 1), key(14, 2), 0, true, true);
        AesCmTransform rx = (AesCmTransform) suite.newTransform(key(16, 1), key(14, 2), 0, true, true);
        try (tx; rx) {
            assertFalse(rx.kdfReleased());
            assertNull(rx.currentKeys(false));
            roundTripRtp(tx, rx, 1);
            assertTrue(rx.kdfReleased(), "KDR 0: no KDF after the first packet");
            byte[] pending = rx.pendingMaterial();
            assertNotNull(pending, "SRTCP keys wait as bytes");
            assertEquals(16 + 20 + 14, pending.length);
            assertFalse(zero(pending));
            assertNull(rx.currentKeys(true));
            roundTripRtcp(tx, rx, 1);
            assertNull(rx.pendingMaterial());
            assertTrue(zero(pending), "the SRTCP key bytes are wiped once SRTCP has its keys");
            // both directions keep working, with the keys the KDF gave them
            for (int i = 2; i < 40; i++) {
                roundTripRtp(tx, rx, i);
                roundTripRtcp(tx, rx, i);
            }
        }
    }

    @Test
    void aesCmWipesLazilyMadeKeysAndTheWaitingBytesAtClose() {
        AesCmSuite suite = new AesCmSuite("AES_CM_128_HMAC_SHA1_80", 16, 10);
        AesCmTransform tx = (AesCmTransform) suite.newTransform(key(16, 3), key(14, 4), 0, true, true);
        AesCmTransform rx = (AesCmTransform) suite.newTransform(key(16, 3), key(14, 4), 0, true, true);
        roundTripRtp(tx, rx, 9);
        byte[] pending = rx.pendingMaterial();
        Object[] keys = rx.currentKeys(false);
        AesCtr cipher = (AesCtr) keys[0];
        HmacSha1 mac = (HmacSha1) keys[1];
        byte[] salt = (byte[]) keys[2];
        assertFalse(mac.wiped());
        rx.close();
        tx.close();
        assertTrue(zero(pending), "SRTCP keys never used are wiped at close");
        assertTrue(mac.wiped(), "HMAC pads wiped");
        assertTrue(zero(salt), "session salt wiped");
        // the cipher (the KDF's, re-keyed) is closed: keyed with zeros and refusing any use
        assertThrows(IllegalStateException.class, () -> cipher.keystream(new byte[16], new byte[16], 0, 16));
        assertThrows(IllegalStateException.class, () -> cipher.rekey(new byte[16]));
        assertThrows(IllegalStateException.class, () -> rx.unprotectRtp(new byte[40], 12, 40, 1, 1));
    }

    @Test
    void aClosedCiphersSuccessorComputesWithItsOwnKey() {
        byte[] iv = key(16, 20);
        for (int round = 0; round < 3; round++) {
            AesCtr first = new AesCtr(key(16, 21 + round));
            first.apply(iv, new byte[64], 0, 64);
            first.close();
            first.close(); // twice: still one cipher returned, never shared by two instances
            byte[] k = key(16 + 8 * round, 30 + round);
            try (AesCtr a = new AesCtr(k); AesCtr b = new AesCtr(key(16, 40))) {
                a.keystream(iv, new byte[0], 0, 0); // nothing asked, nothing to wipe
                byte[] got = new byte[48];
                a.keystream(iv, got, 0, 48);
                byte[] expected = new byte[48];
                try {
                    javax.crypto.Cipher ctr = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
                    ctr.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(k, "AES"),
                            new javax.crypto.spec.IvParameterSpec(iv));
                    expected = ctr.doFinal(new byte[48]);
                } catch (java.security.GeneralSecurityException e) {
                    throw new AssertionError(e);
                }
                assertArrayEquals(expected, got);
                byte[] other = new byte[48];
                b.keystream(iv, other, 0, 48);
                assertFalse(Arrays.equals(got, other));
            }
        }
    }

    @Test
    void aesCmWithKdrKeepsItsKdf() {
        AesCmSuite suite = new AesCmSuite("AES_CM_128_HMAC_SHA1_80", 16, 10);
        AesCmTransform tx = (AesCmTransform) suite.newTransform(key(16, 5), key(14, 6), 16, true, true);
        AesCmTransform rx = (AesCmTransform) suite.newTransform(key(16, 5), key(14, 6), 16, true, true);
        try (tx; rx) {
            roundTripRtp(tx, rx, 1);
            roundTripRtcp(tx, rx, 1);
            assertFalse(rx.kdfReleased(), "KDR 16: keys are derived again every 16 packets");
            assertNull(rx.pendingMaterial());
            for (int i = 2; i < 80; i += 3) {
                roundTripRtp(tx, rx, i);
            }
        }
    }

    @Test
    void nullCipherReleasesTheKdf() {
        AesCmTransform tx = new AesCmTransform(key(16, 7), key(14, 8), 0, 0, 10, 10, false);
        AesCmTransform rx = new AesCmTransform(key(16, 7), key(14, 8), 0, 0, 10, 10, false);
        try (tx; rx) {
            roundTripRtcp(tx, rx, 1);
            assertTrue(rx.kdfReleased());
            assertNull(rx.currentKeys(true)[0], "no cipher for NULL");
            roundTripRtp(tx, rx, 1);
            assertNull(rx.pendingMaterial());
        }
    }

    @Test
    void aesGcmReleasesTheKdfAndWipesTheWaitingBytes() {
        AesGcmSuite suite = new AesGcmSuite("AEAD_AES_128_GCM", 16);
        AesGcmTransform tx = (AesGcmTransform) suite.newTransform(key(16, 9), key(12, 10), 0, true, true);
        AesGcmTransform rx = (AesGcmTransform) suite.newTransform(key(16, 9), key(12, 10), 0, true, true);
        roundTripRtcp(tx, rx, 1); // SRTCP first this time: SRTP's keys wait
        assertTrue(rx.kdfReleased());
        byte[] pending = rx.pendingMaterial();
        assertEquals(16 + 12, pending.length);
        roundTripRtp(tx, rx, 1);
        assertNull(rx.pendingMaterial());
        assertTrue(zero(pending));
        for (int i = 2; i < 40; i++) {
            roundTripRtp(tx, rx, i);
            roundTripRtcp(tx, rx, i);
        }
        byte[] salt = rx.currentSalt(false);
        rx.close();
        tx.close();
        assertTrue(zero(salt));

        AesGcmTransform unused = (AesGcmTransform) suite.newTransform(key(16, 9), key(12, 10), 0, true, true);
        AesGcmTransform sender = (AesGcmTransform) suite.newTransform(key(16, 9), key(12, 10), 0, true, true);
        roundTripRtp(sender, unused, 3);
        byte[] waiting = unused.pendingMaterial();
        assertFalse(zero(waiting));
        unused.close();
        sender.close();
        assertTrue(zero(waiting), "SRTCP keys never used are wiped at close");
    }

    @Test
    void theThreadsBuffersKeepNoPadIvOrDerivedKey() {
        byte[] hmacKey = key(20, 11);
        byte[] ipad = new byte[HmacSha1.BLOCK];
        byte[] opad = new byte[HmacSha1.BLOCK];
        for (int i = 0; i < HmacSha1.BLOCK; i++) {
            ipad[i] = (byte) ((i < 20 ? hmacKey[i] : 0) ^ 0x36);
            opad[i] = (byte) ((i < 20 ? hmacKey[i] : 0) ^ 0x5c);
        }
        try (HmacSha1 mac = new HmacSha1(hmacKey)) {
            byte[] data = key(200, 12);
            byte[] tag = new byte[20];
            mac.sign(data, 0, data.length, true, 3, tag, 0, 10);
            byte[] scratch = Scratch.hmac(0);
            for (int at = 0; at + HmacSha1.BLOCK <= scratch.length; at++) {
                byte[] window = Arrays.copyOfRange(scratch, at, at + HmacSha1.BLOCK);
                assertFalse(Arrays.equals(window, ipad) || Arrays.equals(window, opad), "a pad left in the thread's buffer at " + at);
            }
        }
        try (SrtpKdf kdf = new SrtpKdf(key(16, 13), key(14, 14))) {
            byte[] out = new byte[32];
            kdf.derive(SrtpKdf.LABEL_RTP_ENCRYPTION, 0, out, 32);
            assertFalse(zero(out));
            byte[] aes = Scratch.aes(0);
            assertTrue(zero(Arrays.copyOf(aes, aes.length / 2)), "the PRF's input (salt XOR label) does not stay");
            for (int at = 0; at + 16 <= aes.length; at++) {
                assertFalse(Arrays.equals(Arrays.copyOfRange(aes, at, at + 16), Arrays.copyOf(out, 16)),
                        "the derived key stays in the thread's buffer at " + at);
            }
        }
        try (AesCtr ctr = new AesCtr(key(16, 15))) {
            byte[] p = new byte[160];
            ctr.apply(key(16, 16), p, 0, p.length);
            byte[] aes = Scratch.aes(0);
            assertTrue(zero(Arrays.copyOf(aes, aes.length / 2)), "no counter block (salt XOR index) stays");
        }
    }

    private static void roundTripRtp(SrtpTransform tx, SrtpTransform rx, long index) {
        byte[] p = new byte[12 + 160 + 16];
        p[0] = (byte) 0x80;
        for (int i = 12; i < 172; i++) {
            p[i] = (byte) (i * index);
        }
        byte[] plain = Arrays.copyOf(p, 172);
        int n = tx.protectRtp(p, 12, 172, 7, index);
        assertEquals(172, rx.unprotectRtp(p, 12, n, 7, index));
        assertArrayEquals(plain, Arrays.copyOf(p, 172));
    }

    private static void roundTripRtcp(SrtpTransform tx, SrtpTransform rx, int index) {
        byte[] p = new byte[32 + 4 + 16];
        p[0] = (byte) 0x81;
        p[1] = (byte) 201;
        p[3] = 7;
        for (int i = 8; i < 32; i++) {
            p[i] = (byte) (i + index);
        }
        byte[] plain = Arrays.copyOf(p, 32);
        int n = tx.protectRtcp(p, 32, 7, index, true);
        assertEquals(32, rx.unprotectRtcp(p, n, 7));
        assertArrayEquals(plain, Arrays.copyOf(p, 32));
    }

    private static byte[] key(int n, int seed) {
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) {
            k[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return k;
    }

    private static boolean zero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
