package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SrtpNegotiationConfigTest {

    @Test
    void defaults() {
        SrtpNegotiationConfig.Settings s = SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of()));
        assertEquals(KeyPolicy.OPTIONAL, s.policy());
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM",
                "AEAD_AES_256_GCM", "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80",
                "AES_192_CM_HMAC_SHA1_32"), s.suites());
    }

    @Test
    void fileInstallStyleCommaListAndCaseInsensitivePolicy() {
        SrtpNegotiationConfig.Settings s = SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of(
                "suites", "AEAD_AES_256_GCM, AES_CM_128_HMAC_SHA1_80 AEAD_AES_256_GCM", "policy", " Required ")));
        assertEquals(List.of("AEAD_AES_256_GCM", "AES_CM_128_HMAC_SHA1_80"), s.suites());
        assertEquals(KeyPolicy.REQUIRED, s.policy());
    }

    @Test
    void unknownSuiteNamesAreDroppedAndTheOthersKept() {
        SrtpNegotiationConfig.Settings s = SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of(
                "suites", new String[] {"AES_CM_128_HMAC_SHA1_80", "AES_CM_129_TYPO", "AEAD_AES_128_GCM"})));
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"), s.suites());
    }

    @Test
    void badPolicyIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SrtpNegotiationConfig().configure(Fixtures.srtpConfig(Map.of("policy", "mandatory"))));
        assertEquals("dev.siprec.srtp: policy 'mandatory' is not one of off, optional, required", e.getMessage());
    }

    @Test
    void requiredWithoutAnyKnownSuiteIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SrtpNegotiationConfig.parse(
                Fixtures.srtpConfig(Map.of("policy", "required", "suites", "NOPE"))));
        assertEquals("dev.siprec.srtp: policy=required but 'suites' names no known SRTP suite, so no call could be "
                + "answered", e.getMessage());
        assertEquals(List.of(), SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of("policy", "off", "suites", "")))
                .suites());
    }

    @Test
    void modifiedConfigurationAppliesInPlace() {
        SrtpNegotiationConfig c = new SrtpNegotiationConfig();
        c.configure(Fixtures.srtpConfig(Map.of()));
        c.configure(Fixtures.srtpConfig(Map.of("policy", "off")));
        assertEquals(KeyPolicy.OFF, c.settings().policy());
    }
}
