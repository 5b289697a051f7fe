package dev.siprec.srtp.suite.aescm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;

/** The six RFC 4568 / RFC 6188 suites: SDP names, lengths, a round trip, and the bundle's manifest. */
class AesCmSuitesTest {
    private static final List<SrtpCryptoSuite> SUITES = List.of(new AesCm128HmacSha1_80(), new AesCm128HmacSha1_32(),
            new Aes192CmHmacSha1_80(), new Aes192CmHmacSha1_32(), new Aes256CmHmacSha1_80(), new Aes256CmHmacSha1_32());

    @Test
    void metadataFollowsTheRfcs() {
        for (SrtpCryptoSuite s : SUITES) {
            int keyBits = s.name().startsWith("AES_CM_128") ? 128 : s.name().startsWith("AES_192") ? 192 : 256;
            assertEquals(keyBits / 8, s.masterKeyLength(), s.name());
            assertEquals(14, s.masterSaltLength(), s.name());
            assertEquals(s.name().endsWith("_80") ? 10 : 4, s.srtpAuthTagLength(), s.name());
            assertEquals(10, s.srtcpAuthTagLength(), "RFC 4568 §6.2.2: SRTCP keeps the 80-bit tag");
            assertFalse(s.aead());
            assertEquals(1L << 48, s.srtpLifetime());
            assertEquals(1L << 31, s.srtcpLifetime());
        }
    }

    @Test
    void serviceNamesMatchTheComponentProperty() throws IOException {
        for (SrtpCryptoSuite s : SUITES) {
            Path xml = Path.of("target/classes/OSGI-INF/" + s.getClass().getName() + ".xml");
            String text = Files.readString(xml);
            assertTrue(text.contains("name=\"srtp.suite\" type=\"String\" value=\"" + s.name() + "\""), text);
        }
    }

    @Test
    void roundTripAndTamper() {
        for (SrtpCryptoSuite s : SUITES) {
            byte[] key = new byte[s.masterKeyLength()];
            Arrays.fill(key, (byte) 7);
            try (SrtpTransform tx = s.newTransform(key, new byte[14], 0, true, true);
                    SrtpTransform rx = s.newTransform(key, new byte[14], 0, true, true)) {
                byte[] p = new byte[12 + 160 + 10];
                p[0] = (byte) 0x80;
                Arrays.fill(p, 12, 172, (byte) 0x55);
                int n = tx.protectRtp(p, 12, 172, 42, 7);
                assertEquals(172 + s.srtpAuthTagLength(), n);
                assertNotEquals(0x55, p[20] & 0xff, "payload encrypted");
                byte[] copy = p.clone();
                assertEquals(172, rx.unprotectRtp(p, 12, n, 42, 7));
                assertEquals(0x55, p[20] & 0xff);
                copy[n - 1] ^= 1;
                assertEquals(-1, rx.unprotectRtp(copy, 12, n, 42, 7));
            }
            assertThrows(IllegalArgumentException.class, () -> s.newTransform(new byte[3], new byte[14], 0, true, true));
            assertThrows(IllegalArgumentException.class,
                    () -> s.newTransform(new byte[s.masterKeyLength()], new byte[12], 0, true, true));
        }
    }

    /** The bundle exports nothing and imports only the API and the SPI: never srtp-core, whose update then refreshes no suite. */
    @Test
    void bundleImportsOnlyTheApi() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            Manifest m = new Manifest(in);
            assertEquals(null, m.getMainAttributes().getValue("Export-Package"));
            String imports = m.getMainAttributes().getValue("Import-Package");
            assertEquals("dev.siprec.srtp.api;version=\"[0.4,1)\",dev.siprec.srtp.spi;version=\"[1.2,2)\"", imports);
            assertFalse(m.getMainAttributes().getValue("Private-Package").contains("dev.siprec.srtp.spi"), "SPI embedded");
        }
    }
}
