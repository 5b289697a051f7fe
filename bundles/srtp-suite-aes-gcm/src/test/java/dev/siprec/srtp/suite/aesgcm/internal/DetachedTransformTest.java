package dev.siprec.srtp.suite.aesgcm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.spi.testing.BitFlipCheck;
import dev.siprec.srtp.spi.testing.DetachedSuiteCheck;

/**
 * A transform keeps working once the class loader of the suite that created it can load nothing
 * more, as when the suite's bundle is uninstalled and refreshed during a call; and no bit-flipped
 * packet is ever accepted (1,000,000 SRTP and 100,000 SRTCP forgeries per suite).
 */
class DetachedTransformTest {

    @Test
    void transformsOutliveTheirSuitesClassLoader() throws Exception {
        DetachedSuiteCheck.run(AeadAes128Gcm.class, 40);
        DetachedSuiteCheck.run(AeadAes256Gcm.class, 40);
    }

    @Test
    void noBitFlippedPacketIsAcceptedAes128() {
        assertEquals(new BitFlipCheck.Result(1_000_000, 100_000), BitFlipCheck.run(new AeadAes128Gcm(), 1_000_000, 100_000, 7));
    }

    @Test
    void noBitFlippedPacketIsAcceptedAes256() {
        assertEquals(new BitFlipCheck.Result(1_000_000, 100_000), BitFlipCheck.run(new AeadAes256Gcm(), 1_000_000, 100_000, 8));
    }
}
