package dev.siprec.testing;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;

/**
 * Checks that a suite's transforms keep working once the class loader of the suite that created them
 * can load nothing more, as when the suite's bundle is uninstalled and refreshed during a call: the
 * suite is loaded from the module's {@code target/classes} (with its embedded crypto package) by a
 * loader that sees only the API besides, two transforms are created, the loader is closed, and then
 * every packet path runs, including forged packets.
 */
public final class DetachedSuiteCheck {
    private DetachedSuiteCheck() {
    }

    /**
     * @param suiteClass the suite's class in this module (loaded again, apart from the test's copy)
     * @param keyLength master key length of the suite
     * @param saltLength master salt length of the suite
     * @param forgedOffset a byte the check flips in a protected RTP packet (a tag byte, or cipher text for AEAD); negative counts from the end
     * @throws AssertionError when a packet path fails or the suite was not loaded apart
     */
    public static void run(Class<? extends SrtpCryptoSuite> suiteClass, int keyLength, int saltLength, int forgedOffset)
            throws Exception {
        ClassLoader app = DetachedSuiteCheck.class.getClassLoader();
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
        URLClassLoader bundle = new URLClassLoader(new URL[] {classes}, apiOnly);
        Class<?> type = bundle.loadClass(suiteClass.getName());
        check(type.getClassLoader() == bundle, "suite not loaded apart from the test's copy");
        SrtpCryptoSuite suite = (SrtpCryptoSuite) type.getConstructor().newInstance();
        SrtpTransform tx = suite.newTransform(new byte[keyLength], new byte[saltLength], 4, true, true);
        SrtpTransform rx = suite.newTransform(new byte[keyLength], new byte[saltLength], 4, true, true);
        bundle.close();
        try {
            bundle.loadClass("dev.siprec.srtp.crypto.internal.NullSuite");
            throw new AssertionError("the closed loader still loads classes");
        } catch (ClassNotFoundException expected) {
            // the suite's bundle is gone
        }

        byte[] p = new byte[12 + 160 + 32];
        for (int index = 0; index < 20; index++) {
            p[0] = (byte) 0x80;
            Arrays.fill(p, 12, 172, (byte) index);
            int n = tx.protectRtp(p, 12, 172, 9, index);
            byte[] forged = p.clone();
            forged[forgedOffset < 0 ? n + forgedOffset : forgedOffset] ^= 1;
            check(rx.unprotectRtp(forged, 12, n, 9, index) == -1, "forged RTP packet accepted at index " + index);
            check(rx.unprotectRtp(p, 12, n, 9, index) == 172, "RTP packet refused at index " + index);
            check(p[100] == index, "RTP payload not restored at index " + index);
            p[0] = (byte) 0x81;
            p[1] = (byte) 201;
            n = tx.protectRtcp(p, 40, 9, index, index % 2 == 0);
            check(rx.unprotectRtcp(p, n, 9) == 40, "RTCP packet refused at index " + index);
            p[5] ^= 1;
            check(rx.unprotectRtcp(p, n, 9) == -1, "forged RTCP packet accepted at index " + index);
        }
        tx.close();
        rx.close();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
