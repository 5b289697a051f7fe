package dev.siprec.srtp.suite.nullcipher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.testing.BitFlipCheck;
import dev.siprec.srtp.spi.testing.DetachedSuiteCheck;

/** NULL_HMAC_SHA1_80: payload in clear, authenticated; registered only when configured. */
class NullSuiteTest {

    @Test
    void authenticatesWithoutEncrypting() {
        NullHmacSha1_80 s = new NullHmacSha1_80();
        assertEquals("NULL_HMAC_SHA1_80", s.name());
        assertEquals(10, s.srtpAuthTagLength());
        try (SrtpTransform tx = s.newTransform(new byte[16], new byte[14], 0, true, true);
                SrtpTransform rx = s.newTransform(new byte[16], new byte[14], 0, true, true)) {
            byte[] p = new byte[12 + 40 + 10];
            p[0] = (byte) 0x80;
            Arrays.fill(p, 12, 52, (byte) 0x55);
            int n = tx.protectRtp(p, 12, 52, 1, 1);
            assertEquals(62, n);
            assertEquals(0x55, p[20] & 0xff, "NULL cipher: payload in clear");
            byte[] forged = p.clone();
            forged[20] ^= 1;
            assertEquals(-1, rx.unprotectRtp(forged, 12, n, 1, 1));
            assertEquals(52, rx.unprotectRtp(p, 12, n, 1, 1));
        }
    }

    @Test
    void registersUnderItsSdpNameWhenInstalled() throws IOException {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/" + NullHmacSha1_80.class.getName() + ".xml"));
        assertTrue(xml.contains("<property name=\"srtp.suite\" type=\"String\" value=\"NULL_HMAC_SHA1_80\"/>"), xml);
        assertTrue(xml.contains("dev.siprec.srtp.api.SrtpCryptoSuite"), xml);
    }

    @Test
    void srtcpSaysUnencryptedEvenWhenAskedToEncrypt() {
        try (SrtpTransform tx = new NullHmacSha1_80().newTransform(new byte[16], new byte[14], 0, true, true)) {
            byte[] p = new byte[40 + 4 + 10];
            p[0] = (byte) 0x81;
            p[1] = (byte) 200;
            int n = tx.protectRtcp(p, 40, 1, 5, true);
            assertEquals(54, n);
            assertEquals(0, p[40] & 0x80, "E = 0: the NULL cipher cannot encrypt");
            assertEquals(5, p[43]);
        }
    }

    @Test
    void outlivesItsClassLoaderAndRefusesEveryBitFlip() throws Exception {
        DetachedSuiteCheck.run(NullHmacSha1_80.class, -1);
        assertEquals(new BitFlipCheck.Result(1_000_000, 100_000), BitFlipCheck.run(new NullHmacSha1_80(), 1_000_000, 100_000, 3));
    }

    /** Imports only the API and the SPI, exports nothing: never srtp-core's internals. */
    @Test
    void bundleImportsOnlyTheApiAndTheSpi() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            Manifest m = new Manifest(in);
            assertEquals(null, m.getMainAttributes().getValue("Export-Package"));
            assertEquals("dev.siprec.srtp.api;version=\"[0.4,1)\",dev.siprec.srtp.spi;version=\"[1.2,2)\"",
                    m.getMainAttributes().getValue("Import-Package"));
        }
    }
}
