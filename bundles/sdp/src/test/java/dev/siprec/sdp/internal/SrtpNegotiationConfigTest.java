package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
    void anyRfc4568TokenIsAcceptedAndMalformedNamesAreDropped() {
        SrtpNegotiationConfig.Settings s = SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of(
                "suites", new String[] {"AES_CM_128_HMAC_SHA1_80", "NULL_HMAC_SHA1_32", "MY_OWN_SUITE_9",
                    "BAD-NAME", "AEAD_AES_128_GCM", "x".repeat(65)})));
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "NULL_HMAC_SHA1_32", "MY_OWN_SUITE_9", "AEAD_AES_128_GCM"),
                s.suites());
    }

    @Test
    void disabledNamesLeaveThePreferenceList() {
        SrtpNegotiationConfig.Settings s = SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of(
                "suites", "AES_CM_128_HMAC_SHA1_80 AES_CM_128_HMAC_SHA1_32", "suites.disabled",
                "AES_CM_128_HMAC_SHA1_32, NULL_HMAC_SHA1_80")));
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80"), s.suites());
        assertEquals(Set.of("AES_CM_128_HMAC_SHA1_32", "NULL_HMAC_SHA1_80"), s.disabled());
    }

    @Test
    void requiredWithAnEmptyListIsFineBecauseEveryRegisteredSuiteIsNegotiable() {
        SrtpNegotiationConfig.Settings s = SrtpNegotiationConfig.parse(
                Fixtures.srtpConfig(Map.of("policy", "required", "suites", "")));
        assertEquals(List.of(), s.suites());
        assertEquals(KeyPolicy.REQUIRED, s.policy());
    }

    @Test
    void sdesTransportsDefaultToConfidentialOnesOnlyWhenRequired() {
        SrtpNegotiationConfig.Settings optional = SrtpNegotiationConfig.parse(Fixtures.srtpConfig(Map.of()));
        assertTrue(optional.sdesAllowedOver("UDP"));
        assertTrue(optional.sdesAllowedOver(null));
        SrtpNegotiationConfig.Settings required = SrtpNegotiationConfig.parse(
                Fixtures.srtpConfig(Map.of("policy", "required")));
        assertEquals(Set.of("TLS", "WSS"), required.sdesTransports());
        assertFalse(required.sdesAllowedOver("UDP"));
        assertFalse(required.sdesAllowedOver("TCP"));
        assertFalse(required.sdesAllowedOver(null));
        assertTrue(required.sdesAllowedOver("tls"));
        SrtpNegotiationConfig.Settings open = SrtpNegotiationConfig.parse(
                Fixtures.srtpConfig(Map.of("policy", "required", "sdes.transports", "*")));
        assertTrue(open.sdesAllowedOver("UDP"));
        SrtpNegotiationConfig.Settings tcp = SrtpNegotiationConfig.parse(
                Fixtures.srtpConfig(Map.of("sdes.transports", "tls, TCP")));
        assertTrue(tcp.sdesAllowedOver("TCP"));
        assertFalse(tcp.sdesAllowedOver("UDP"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SrtpNegotiationConfig.parse(
                Fixtures.srtpConfig(Map.of("sdes.transports", "TLS/1.3"))));
        assertTrue(e.getMessage().contains("sdes.transports entry 'TLS/1.3'"), e.getMessage());
    }

    @Test
    void modifiedConfigurationAppliesInPlace() {
        SrtpNegotiationConfig c = new SrtpNegotiationConfig();
        c.configure(Fixtures.srtpConfig(Map.of()));
        c.configure(Fixtures.srtpConfig(Map.of("policy", "off")));
        assertEquals(KeyPolicy.OFF, c.settings().policy());
    }
}
