package dev.siprec.srtp.suite.aescm.internal;

import org.junit.jupiter.api.Test;

import dev.siprec.testing.DetachedSuiteCheck;

/**
 * A transform keeps working once the class loader of the suite that created it can load nothing
 * more, as when the suite's bundle is uninstalled and refreshed during a call.
 */
class DetachedTransformTest {

    @Test
    void transformsOutliveTheirSuitesClassLoader() throws Exception {
        DetachedSuiteCheck.run(AesCm128HmacSha1_80.class, 16, 14, -1);
    }
}
