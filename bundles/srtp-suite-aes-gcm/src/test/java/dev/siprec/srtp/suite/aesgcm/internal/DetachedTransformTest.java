package dev.siprec.srtp.suite.aesgcm.internal;

import org.junit.jupiter.api.Test;

import dev.siprec.testing.DetachedSuiteCheck;

/**
 * A transform keeps working once the class loader of the suite that created it can load nothing
 * more, as when the suite's bundle is uninstalled and refreshed during a call.
 */
class DetachedTransformTest {

    @Test
    void transformsOutliveTheirSuitesClassLoader() throws Exception {
        DetachedSuiteCheck.run(AeadAes128Gcm.class, 16, 12, 40);
    }
}
