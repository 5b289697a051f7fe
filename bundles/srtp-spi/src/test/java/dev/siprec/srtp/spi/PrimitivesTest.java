package dev.siprec.srtp.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The allocation-free primitives against the JCE's own AES/CTR and HmacSHA1, on many lengths. */
class PrimitivesTest {
    private final Random random = new Random(11);

    @Test
    void counterModeMatchesJceAcrossChunksOffsetsAndCarries() throws Exception {
        for (int keyLength : new int[] {16, 24, 32}) {
            byte[] key = bytes(keyLength);
            AesCtr ctr = new AesCtr(key);
            for (int len : new int[] {0, 1, 15, 16, 17, 160, 1023, 1024, 1025, 1500, 3000}) {
                byte[] iv = bytes(16);
                iv[15] = (byte) 0xfe;
                iv[14] = (byte) 0xff;
                byte[] data = bytes(len + 7);
                byte[] expected = data.clone();
                Cipher jce = Cipher.getInstance("AES/CTR/NoPadding");
                jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                jce.doFinal(data, 7, len, expected, 7);
                ctr.apply(iv, data, 7, len);
                assertArrayEquals(expected, data, "AES-" + keyLength * 8 + " length " + len);
            }
        }
    }

    @Test
    void hmacMatchesJceWithAndWithoutRoc() throws Exception {
        for (int len : new int[] {0, 12, 55, 56, 64, 172, 1500}) {
            byte[] key = bytes(20);
            byte[] data = Arrays.copyOf(bytes(len), len + 20);
            HmacSha1 mine = new HmacSha1(key);
            Mac jce = Mac.getInstance("HmacSHA1");
            jce.init(new SecretKeySpec(key, "HmacSHA1"));
            jce.update(data, 0, len);
            jce.update(new byte[] {0x01, 0x02, 0x03, 0x04});
            byte[] expected = jce.doFinal();
            mine.sign(data, len, true, 0x01020304L, 20);
            assertArrayEquals(expected, Arrays.copyOfRange(data, len, len + 20), "length " + len);
            assertTrue(mine.verify(data, len, true, 0x01020304L, 10));
            assertFalse(mine.verify(data, len, true, 0x01020305L, 10), "another ROC");
            jce.update(data, 0, len);
            assertArrayEquals(jce.doFinal(), signed(mine, data, len), "without ROC, length " + len);
        }
    }

    @Test
    void constantTimeEqualsComparesEveryByte() {
        byte[] a = bytes(10);
        for (int i = 0; i < 10; i++) {
            byte[] b = a.clone();
            b[i] ^= (byte) 0x80;
            assertFalse(Bytes.constantTimeEquals(a, 0, b, 0, 10), "byte " + i);
        }
        assertTrue(Bytes.constantTimeEquals(a, 2, a.clone(), 2, 8));
    }

    private static byte[] signed(HmacSha1 mac, byte[] data, int len) {
        mac.sign(data, len, false, 0, 20);
        return Arrays.copyOfRange(data, len, len + 20);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
