package org.example.siprec.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.SrtpKdf;
import dev.siprec.srtp.spi.testing.BitFlipCheck;
import dev.siprec.srtp.spi.testing.DetachedSuiteCheck;

/** The example suite against an independent computation, and the SPI's two checks every suite should pass. */
class NullHmacSha1_32Test {
    private final byte[] masterKey = "0123456789abcdef".getBytes();
    private final byte[] masterSalt = "saltsaltsalt12".getBytes();

    @Test
    void tagIsTheFirst32BitsOfHmacSha1OverPacketAndRoc() throws Exception {
        try (SrtpTransform tx = new NullHmacSha1_32().newTransform(masterKey, masterSalt, 0, true, true)) {
            byte[] p = new byte[12 + 160 + 4];
            p[0] = (byte) 0x80;
            Arrays.fill(p, 12, 172, (byte) 0x55);
            long index = (3L << 16) | 7;
            assertEquals(176, tx.protectRtp(p, 12, 172, 1234, index));
            assertEquals(0x55, p[100], "NULL cipher: the payload stays in clear");

            byte[] authKey = new byte[20];
            try (SrtpKdf kdf = new SrtpKdf(masterKey, masterSalt)) {
                kdf.derive(SrtpKdf.LABEL_RTP_AUTH, 0, authKey, 20);
            }
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
            mac.update(p, 0, 172);
            mac.update(new byte[] {0, 0, 0, 3});
            assertArrayEquals(Arrays.copyOf(mac.doFinal(), 4), Arrays.copyOfRange(p, 172, 176));
        }
    }

    @Test
    void srtcpCarriesEZeroAndAnEightyBitTag() {
        try (SrtpTransform tx = new NullHmacSha1_32().newTransform(masterKey, masterSalt, 0, true, true);
                SrtpTransform rx = new NullHmacSha1_32().newTransform(masterKey, masterSalt, 0, true, true)) {
            byte[] p = new byte[28 + 14];
            p[0] = (byte) 0x81;
            p[1] = (byte) 200;
            assertEquals(42, tx.protectRtcp(p, 28, 1, 9, true));
            assertEquals(0, p[28] & 0x80, "E = 0: nothing was encrypted");
            assertEquals(28, rx.unprotectRtcp(p, 42, 1));
        }
    }

    @Test
    void refusesUnauthenticatedSrtpAndWrongLengths() {
        NullHmacSha1_32 suite = new NullHmacSha1_32();
        assertThrows(IllegalArgumentException.class, () -> suite.newTransform(masterKey, masterSalt, 0, true, false));
        assertThrows(IllegalArgumentException.class, () -> suite.newTransform(new byte[32], masterSalt, 0, true, true));
    }

    @Test
    void keepsWorkingAfterItsClassLoaderIsGone() throws Exception {
        DetachedSuiteCheck.run(NullHmacSha1_32.class, -1);
    }

    @Test
    void noBitFlippedPacketIsAccepted() {
        assertEquals(new BitFlipCheck.Result(200_000, 20_000), BitFlipCheck.run(new NullHmacSha1_32(), 200_000, 20_000, 32));
    }
}
