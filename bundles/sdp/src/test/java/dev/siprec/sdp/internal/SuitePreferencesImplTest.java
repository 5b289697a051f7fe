package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.siprec.sdp.api.SrtpSuitePreferences.SuiteState;
import dev.siprec.sdp.api.SrtpSuitePreferences.SuiteStatus;
import dev.siprec.srtp.api.SrtpCryptoSuite;

class SuitePreferencesImplTest {
    private final Fixtures.Registry registry = new Fixtures.Registry();
    private final SrtpNegotiationConfig config = new SrtpNegotiationConfig();
    private final SuitePreferencesImpl prefs = new SuitePreferencesImpl(registry.service, config);

    private void configure(Map<String, Object> props) {
        config.configure(Fixtures.srtpConfig(props));
    }

    private void register(String name, Integer ranking, long id) {
        registry.with(name);
        Map<String, Object> props = new HashMap<>();
        props.put(SrtpCryptoSuite.SUITE, name);
        props.put("service.id", id);
        if (ranking != null) {
            props.put("service.ranking", ranking);
        }
        prefs.addSuite(registry.suites.get(name), props);
    }

    @Test
    void listedFirstThenTheRestByRankingThenName() {
        configure(Map.of("suites", "AEAD_AES_256_GCM AES_CM_128_HMAC_SHA1_32"));
        register("AES_CM_128_HMAC_SHA1_80", null, 1);
        register("AES_CM_128_HMAC_SHA1_32", null, 2);
        register("AEAD_AES_128_GCM", null, 3);
        register("AES_256_CM_HMAC_SHA1_80", 10, 4);
        register("AEAD_AES_256_GCM", -5, 5);
        assertEquals(List.of("AEAD_AES_256_GCM", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
                "AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"), prefs.negotiable());
        assertEquals(prefs.negotiable(), prefs.current().negotiable());
    }

    @Test
    void statesAndRanksForTheShell() {
        configure(Map.of("suites", "NOT_HERE_80 AES_CM_128_HMAC_SHA1_80", "suites.disabled",
                "AES_CM_128_HMAC_SHA1_32 ALSO_ABSENT"));
        register("AES_CM_128_HMAC_SHA1_80", null, 1);
        register("AES_CM_128_HMAC_SHA1_32", 100, 2);
        register("AEAD_AES_128_GCM", null, 3);
        assertEquals(List.of(
                new SuiteStatus("AES_CM_128_HMAC_SHA1_80", 2, SuiteState.ENABLED, true, 0),
                new SuiteStatus("AEAD_AES_128_GCM", 3, SuiteState.ENABLED, false, 0),
                new SuiteStatus("NOT_HERE_80", 1, SuiteState.NOT_REGISTERED, true, 0),
                new SuiteStatus("AES_CM_128_HMAC_SHA1_32", 0, SuiteState.DISABLED, false, 100),
                new SuiteStatus("ALSO_ABSENT", 0, SuiteState.DISABLED, false, 0)), prefs.suites());
        SuitePreferencesImpl.Order order = prefs.current();
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"), order.negotiable());
        assertTrue(order.disabled().contains("AES_CM_128_HMAC_SHA1_32"));
    }

    @Test
    void theOrderKeptBetweenOffersFollowsEveryChange() {
        configure(Map.of("suites", ""));
        register("AES_CM_128_HMAC_SHA1_80", 5, 1);
        register("AEAD_AES_128_GCM", null, 2);
        SuitePreferencesImpl.Order first = prefs.current();
        assertTrue(first == prefs.current(), "kept while nothing changes");
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"), first.negotiable());
        register("AEAD_AES_128_GCM", 9, 3); // a second service of the suite, ranked higher
        assertEquals(List.of("AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"), prefs.current().negotiable());
        configure(Map.of("suites", "AES_CM_128_HMAC_SHA1_80"));
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"), prefs.current().negotiable());
        registry.with("AES_256_CM_HMAC_SHA1_80"); // the registry alone knows a new name (no ranking service yet)
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AES_256_CM_HMAC_SHA1_80"),
                prefs.current().negotiable());
        configure(Map.of("suites", "", "suites.disabled", "AEAD_AES_128_GCM"));
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_80"), prefs.current().negotiable());
    }

    @Test
    void aSuiteThatGoesAwayLeavesTheOrderAndItsRankingIsForgotten() {
        configure(Map.of("suites", ""));
        register("AES_CM_128_HMAC_SHA1_80", 5, 1);
        register("AEAD_AES_128_GCM", null, 2);
        assertEquals(List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"), prefs.negotiable());
        Map<String, Object> props = Map.of(SrtpCryptoSuite.SUITE, "AES_CM_128_HMAC_SHA1_80", "service.id", 1L);
        prefs.removeSuite(registry.suites.remove("AES_CM_128_HMAC_SHA1_80"), props);
        assertEquals(0, prefs.ranking("AES_CM_128_HMAC_SHA1_80"));
        assertEquals(List.of("AEAD_AES_128_GCM"), prefs.negotiable());
    }

    @Test
    void aListedNameNoBundleRegistersIsWarnedOncePerConfigurationAndNotAtStartUp() {
        register("AES_CM_128_HMAC_SHA1_80", null, 1);
        configure(Map.of("suites", "AES_CM_128_HMAC_SHA1_80 NOT_HERE_80"));
        assertEquals(Set.of(), prefs.warnedNames(), "start-up: suite bundles may still be starting");
        prefs.current();
        assertEquals(Set.of("NOT_HERE_80"), prefs.warnedNames(), "the first offer names it");
        config.modified(Fixtures.srtpConfig(Map.of("suites", "AES_CM_128_HMAC_SHA1_80 OTHER_MISSING_32")));
        assertEquals(Set.of("OTHER_MISSING_32"), prefs.warnedNames(), "a change while running is checked at once");
        prefs.current();
        assertEquals(Set.of("OTHER_MISSING_32"), prefs.warnedNames());
    }
}
