package dev.siprec.srtp.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The allocation-free AES-GCM against the JCE's {@code AES/GCM/NoPadding}, over many text and AAD lengths. */
class GcmTest {
    private final Random random = new Random(7714);

    @Test
    void matchesTheJceForEveryLengthIncludingLongTexts() throws Exception {
        for (int keyLength : new int[] {16, 32}) {
            byte[] key = bytes(keyLength);
            Gcm gcm = new Gcm(key);
            for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 160, 1007, 1008, 1009, 1024, 1500, 2100}) {
                for (int aad : new int[] {0, 5, 12, 16, 20, 44}) {
                    byte[] iv = bytes(12);
                    byte[] a = bytes(aad);
                    byte[] plain = bytes(len);
                    Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
                    jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                    jce.updateAAD(a);
                    byte[] expected = jce.doFinal(plain);

                    byte[] buf = Arrays.copyOf(plain, len + 16);
                    gcm.start(iv);
                    gcm.aad(a, 0, aad);
                    gcm.encrypt(buf, 0, len, buf, len);
                    assertArrayEquals(expected, buf, "AES-" + keyLength * 8 + " text " + len + " aad " + aad);

                    gcm.start(iv);
                    gcm.aad(a, 0, aad);
                    assertTrue(gcm.verifyAndDecrypt(buf, 0, len, buf, len));
                    assertArrayEquals(plain, Arrays.copyOf(buf, len));

                    byte[] forged = expected.clone();
                    forged[random.nextInt(forged.length)] ^= 1;
                    byte[] before = forged.clone();
                    gcm.start(iv);
                    gcm.aad(a, 0, aad);
                    assertFalse(gcm.verifyAndDecrypt(forged, 0, len, forged, len));
                    assertArrayEquals(before, forged, "a forged packet is left as it was");
                }
            }
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
