package dev.siprec.srtp.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * Which route the SPI takes: the JDK kernels exactly when the JVM opens them (the build's second
 * test run passes the {@code --add-opens} options and {@code srtp.test.kernels=true}), and the same
 * tags either way.
 */
class JdkKernelsTest {
    @Test
    void kernelsAreUsedExactlyWhenTheJvmOpensThem() {
        boolean expected = Boolean.getBoolean("srtp.test.kernels");
        assertEquals(expected, JdkKernels.SHA1, JdkKernels.describe());
        assertEquals(expected, JdkKernels.GHASH, JdkKernels.describe());
        assertEquals(expected, JdkKernels.ECB, JdkKernels.describe());
    }

    @Test
    void suitesTellOperatorsWhichRouteTheyRunAndHowToGetTheKernels() {
        boolean kernels = Boolean.getBoolean("srtp.test.kernels");
        String cm = new AesCmSuite("AES_CM_128_HMAC_SHA1_80", 16, 10).implementation();
        String gcm = new AesGcmSuite("AEAD_AES_128_GCM", 16).implementation();
        if (kernels) {
            assertEquals("AES on the JDK's AES kernel, HMAC-SHA1 on the JDK's SHA-1 kernel from precomputed pad states", cm);
            assertEquals("AES on the JDK's AES kernel, GHASH on the JDK's GHASH kernel", gcm);
        } else {
            assertEquals("AES on javax.crypto AES/ECB (portable), HMAC-SHA1 on MessageDigest SHA-1 (portable) - kernels not"
                    + " reachable: start the JVM with --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED"
                    + " --add-opens java.base/sun.security.provider=ALL-UNNAMED (bin/siprec does)", cm);
            assertTrue(gcm.startsWith("AES on javax.crypto AES/ECB (portable), GHASH on portable 4-bit tables - kernels not"
                    + " reachable: "), gcm);
        }
    }

    @Test
    void hmacMatchesTheJceForManyLengthsWithAndWithoutRoc() throws Exception {
        Random random = new Random(3711);
        for (int len = 0; len <= 300; len++) {
            byte[] key = new byte[20];
            random.nextBytes(key);
            byte[] data = new byte[len + 4 + 20];
            random.nextBytes(data);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, 0, len + 4);
            byte[] expected = mac.doFinal();
            long roc = Bytes.u32(data, len);
            byte[] tag = new byte[20];
            try (HmacSha1 h = new HmacSha1(key)) {
                h.sign(data, 0, len, true, roc, tag, 0, 20);
                assertArrayEquals(expected, tag, "with ROC, length " + len);
                mac.update(data, 0, len);
                h.sign(data, 0, len, false, 0, tag, 0, 20);
                assertArrayEquals(mac.doFinal(), tag, "without ROC, length " + len);
                h.rekey(new byte[20]);
                mac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
                mac.update(data, 0, len);
                h.sign(data, 0, len, false, 0, tag, 0, 20);
                assertArrayEquals(mac.doFinal(), tag, "after rekey, length " + len);
            }
        }
    }
}
