package dev.siprec.srtp.suite.aescm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;

/**
 * A transform keeps working once the class loader of the suite that created it can load nothing
 * more, as when the suite's bundle is uninstalled and refreshed during a call: the suite is loaded
 * from this bundle's classes (with its embedded crypto package) by a loader that sees only the API
 * besides, the transforms are created, the loader is closed, and then every packet path runs.
 */
class DetachedTransformTest {

    @Test
    void transformsOutliveTheirSuitesClassLoader() throws Exception {
        ClassLoader app = getClass().getClassLoader();
        ClassLoader apiOnly = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.startsWith("dev.siprec.srtp.api.")) {
                    return app.loadClass(name);
                }
                throw new ClassNotFoundException(name);
            }
        };
        URL classes = Path.of("target/classes").toUri().toURL();
        SrtpTransform tx;
        SrtpTransform rx;
        URLClassLoader bundle = new URLClassLoader(new URL[] {classes}, apiOnly);
        Class<?> type = bundle.loadClass(AesCm128HmacSha1_80.class.getName());
        assertEquals(bundle, type.getClassLoader(), "loaded apart from the test's copy");
        SrtpCryptoSuite suite = (SrtpCryptoSuite) type.getConstructor().newInstance();
        tx = suite.newTransform(new byte[16], new byte[14], 4, true, true);
        rx = suite.newTransform(new byte[16], new byte[14], 4, true, true);
        bundle.close();
        assertThrows(ClassNotFoundException.class, () -> bundle.loadClass("dev.siprec.srtp.crypto.internal.NullSuite"));

        byte[] p = new byte[12 + 160 + 32];
        for (int index = 0; index < 20; index++) {
            p[0] = (byte) 0x80;
            Arrays.fill(p, 12, 172, (byte) index);
            int n = tx.protectRtp(p, 12, 172, 9, index);
            byte[] forged = p.clone();
            forged[n - 1] ^= 1;
            assertEquals(-1, rx.unprotectRtp(forged, 12, n, 9, index));
            assertEquals(172, rx.unprotectRtp(p, 12, n, 9, index));
            assertEquals(index, p[100]);
            p[0] = (byte) 0x81;
            p[1] = (byte) 201;
            n = tx.protectRtcp(p, 40, 9, index, index % 2 == 0);
            assertEquals(40, rx.unprotectRtcp(p, n, 9));
            p[5] ^= 1;
            assertEquals(-1, rx.unprotectRtcp(p, n, 9));
        }
        tx.close();
        rx.close();
    }
}
