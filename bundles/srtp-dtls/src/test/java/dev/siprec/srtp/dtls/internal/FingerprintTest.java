package dev.siprec.srtp.dtls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FingerprintTest {
    @Test
    void parsesFormatsAndMatches() {
        DtlsIdentity id = DtlsIdentity.generate(new SecureRandom(), Duration.ofHours(1));
        Fingerprint fp = id.fingerprint();
        assertEquals(fp, Fingerprint.parse(fp.format()).orElseThrow());
        assertEquals(fp, Fingerprint.parse(fp.format().toLowerCase()).orElseThrow());
        assertTrue(fp.matches(id.der()));
        assertTrue(Fingerprint.of("sha-384", id.der()).matches(id.der()));
        assertFalse(fp.matches(DtlsIdentity.generate(new SecureRandom(), Duration.ofHours(1)).der()));
        assertEquals(32 * 3 - 1 + "sha-256 ".length(), fp.format().length());
    }

    @Test
    void refusesWeakAndMalformed() {
        assertTrue(Fingerprint.parse("sha-1 " + "AB:".repeat(19) + "AB").isEmpty());
        assertTrue(Fingerprint.parse("md5 " + "AB:".repeat(15) + "AB").isEmpty());
        assertTrue(Fingerprint.parse("sha-256 AB:CD").isEmpty());
        assertTrue(Fingerprint.parse("sha-256 " + "ZZ:".repeat(31) + "ZZ").isEmpty());
        assertTrue(Fingerprint.parse("sha-256").isEmpty());
        assertTrue(Fingerprint.parse("sha-256 " + "A".repeat(500)).isEmpty());
    }

    @Test
    void profilesFollowTheSuiteOrderAndNameOnlyDtlsProfiles() {
        assertEquals(List.of(SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AES128_CM_SHA1_32),
                SrtpProfile.forSuites(List.of("AEAD_AES_256_GCM", "AES_256_CM_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32")));
        assertEquals(60, SrtpProfile.AES128_CM_SHA1_80.materialLength());
        assertEquals(56, SrtpProfile.AEAD_AES_128_GCM.materialLength());
        assertEquals(88, SrtpProfile.AEAD_AES_256_GCM.materialLength());
    }

    @Test
    void rotationMakesANewIdentity() {
        DtlsEngine engine = new DtlsEngine(DtlsSettings.defaults());
        try {
            Fingerprint before = engine.identities().current().fingerprint();
            engine.identities().rotate();
            assertFalse(before.equals(engine.identities().current().fingerprint()));
            assertTrue(DtlsCommand.render(engine).contains(engine.identities().current().fingerprint().format()));
        } finally {
            engine.close();
        }
    }
}
