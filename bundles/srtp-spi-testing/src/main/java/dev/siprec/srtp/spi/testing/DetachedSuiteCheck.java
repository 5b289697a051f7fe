package dev.siprec.srtp.spi.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.SuiteBase;

/**
 * The class-loading rule of {@code dev.siprec.srtp.spi}, checked: a suite's transforms keep working
 * once the class loader that loaded the suite (and the SPI) can load nothing more, as when the
 * suite's bundle is uninstalled and refreshed during a call. The suite's classes (from where the
 * test's copy came, e.g. {@code target/classes}) and the SPI's jar are loaded again by a loader that
 * sees only the API and the JDK besides; two transforms are created (key derivation rate 4, so they
 * re-key), the loader is closed, and then every packet path runs, forged packets included.
 */
public final class DetachedSuiteCheck {
    private DetachedSuiteCheck() {
    }

    /**
     * @param suiteClass the suite's class, with a public no-argument constructor (loaded again, apart from the test's copy)
     * @param forgedOffset a byte the check flips in a protected RTP packet (a tag byte, or cipher text for
     *        AEAD); negative counts from the end
     * @param importedPackages prefixes of further packages the suite imports from other bundles (shared
     *        with the test's loader, like the API)
     * @throws AssertionError when a packet path fails or the suite was not loaded apart
     */
    public static void run(Class<? extends SrtpCryptoSuite> suiteClass, int forgedOffset, String... importedPackages)
            throws Exception {
        ClassLoader app = DetachedSuiteCheck.class.getClassLoader();
        Set<String> shared = new LinkedHashSet<>(Arrays.asList(importedPackages));
        shared.add("dev.siprec.srtp.api.");
        ClassLoader apiOnly = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                for (String prefix : shared) {
                    if (name.startsWith(prefix)) {
                        return app.loadClass(name);
                    }
                }
                throw new ClassNotFoundException(name);
            }
        };
        URL suiteClasses = location(suiteClass);
        URL spi = location(SuiteBase.class);
        URL[] urls = suiteClasses.equals(spi) ? new URL[] {suiteClasses} : new URL[] {suiteClasses, spi};
        URLClassLoader bundle = new URLClassLoader(urls, apiOnly);
        Class<?> type = bundle.loadClass(suiteClass.getName());
        check(type.getClassLoader() == bundle, "suite not loaded apart from the test's copy");
        SrtpCryptoSuite suite = (SrtpCryptoSuite) type.getConstructor().newInstance();
        int keyLength = suite.masterKeyLength();
        int saltLength = suite.masterSaltLength();
        SrtpTransform tx = suite.newTransform(new byte[keyLength], new byte[saltLength], 4, true, true);
        SrtpTransform rx = suite.newTransform(new byte[keyLength], new byte[saltLength], 4, true, true);
        String resource = suiteClass.getName().replace('.', '/') + ".class";
        bundle.close();
        check(bundle.getResource(resource) == null, "the closed loader still reads classes");

        byte[] p = new byte[12 + 160 + 64];
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

    private static URL location(Class<?> type) throws Exception {
        URL url = type.getProtectionDomain().getCodeSource().getLocation();
        try {
            return Path.of(url.toURI()).toUri().toURL();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
