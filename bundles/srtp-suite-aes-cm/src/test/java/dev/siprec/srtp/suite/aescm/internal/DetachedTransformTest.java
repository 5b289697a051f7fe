package dev.siprec.srtp.suite.aescm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.siprec.srtp.api.SrtpCryptoSuite;
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
        DetachedSuiteCheck.run(AesCm128HmacSha1_80.class, -1);
        DetachedSuiteCheck.run(Aes256CmHmacSha1_32.class, -1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void noBitFlippedPacketIsAccepted(int which) {
        SrtpCryptoSuite s = new SrtpCryptoSuite[] {new AesCm128HmacSha1_80(), new AesCm128HmacSha1_32(),
                new Aes192CmHmacSha1_80(), new Aes192CmHmacSha1_32(), new Aes256CmHmacSha1_80(), new Aes256CmHmacSha1_32()}[which];
        assertEquals(new BitFlipCheck.Result(1_000_000, 100_000), BitFlipCheck.run(s, 1_000_000, 100_000, 0x5eed + which), s.name());
    }
}
