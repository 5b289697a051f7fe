package dev.siprec.srtp.suite.aesgcm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714 §14.2): lengths, flags, round trip, manifest. */
class AesGcmSuitesTest {
    private static final List<SrtpCryptoSuite> SUITES = List.of(new AeadAes128Gcm(), new AeadAes256Gcm());

    @Test
    void metadataFollowsRfc7714() {
        assertEquals(16, SUITES.get(0).masterKeyLength());
        assertEquals(32, SUITES.get(1).masterKeyLength());
        for (SrtpCryptoSuite s : SUITES) {
            assertEquals(12, s.masterSaltLength(), "RFC 7714 §11: 96-bit salt");
            assertEquals(16, s.srtpAuthTagLength());
            assertEquals(16, s.srtcpAuthTagLength());
            assertTrue(s.aead());
        }
    }

    @Test
    void serviceNamesMatchTheComponentProperty() throws IOException {
        for (SrtpCryptoSuite s : SUITES) {
            String text = Files.readString(Path.of("target/classes/OSGI-INF/" + s.getClass().getName() + ".xml"));
            assertTrue(text.contains("value=\"" + s.name() + "\""), text);
        }
    }

    @Test
    void roundTripAndRefusedFlags() {
        for (SrtpCryptoSuite s : SUITES) {
            byte[] key = new byte[s.masterKeyLength()];
            Arrays.fill(key, (byte) 9);
            try (SrtpTransform tx = s.newTransform(key, new byte[12], 0, true, true);
                    SrtpTransform rx = s.newTransform(key, new byte[12], 0, true, true)) {
                byte[] p = new byte[12 + 160 + 16];
                p[0] = (byte) 0x80;
                Arrays.fill(p, 12, 172, (byte) 0x55);
                int n = tx.protectRtp(p, 12, 172, 42, 7);
                assertEquals(188, n);
                assertNotEquals(0x55, p[20] & 0xff);
                byte[] forged = p.clone();
                forged[30] ^= 1;
                assertEquals(-1, rx.unprotectRtp(forged, 12, n, 42, 7));
                assertEquals(172, rx.unprotectRtp(p, 12, n, 42, 7));
                assertEquals(0x55, p[20] & 0xff);
            }
            assertThrows(IllegalArgumentException.class, () -> s.newTransform(key(s), new byte[12], 0, false, true));
            assertThrows(IllegalArgumentException.class, () -> s.newTransform(key(s), new byte[12], 0, true, false));
            assertThrows(IllegalArgumentException.class, () -> s.newTransform(key(s), new byte[14], 0, true, true));
        }
    }

    private static byte[] key(SrtpCryptoSuite s) {
        return new byte[s.masterKeyLength()];
    }

    @Test
    void bundleImportsOnlyTheApi() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            Manifest m = new Manifest(in);
            assertEquals(null, m.getMainAttributes().getValue("Export-Package"));
            assertEquals("dev.siprec.srtp.api;version=\"[0.4,1)\",dev.siprec.srtp.spi;version=\"[1.2,2)\"",
                    m.getMainAttributes().getValue("Import-Package"));
        }
    }
}
