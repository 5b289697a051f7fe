package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.siprec.sdp.api.SrtpSuitePreferences.SuiteState;
import dev.siprec.sdp.api.SrtpSuitePreferences.SuiteStatus;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;

class SuitesCommandTest {

    private static SrtpCryptoSuite suite(String name, int key, int salt, int tag) {
        return (SrtpCryptoSuite) Proxy.newProxyInstance(SuitesCommandTest.class.getClassLoader(),
                new Class<?>[] {SrtpCryptoSuite.class}, (p, m, a) -> switch (m.getName()) {
                    case "name" -> name;
                    case "masterKeyLength" -> key;
                    case "masterSaltLength" -> salt;
                    case "srtpAuthTagLength" -> tag;
                    case "srtcpAuthTagLength" -> 10;
                    case "aead" -> false;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static SrtpCryptoSuiteRegistry registry(Map<String, SrtpCryptoSuite> suites) {
        return (SrtpCryptoSuiteRegistry) Proxy.newProxyInstance(SuitesCommandTest.class.getClassLoader(),
                new Class<?>[] {SrtpCryptoSuiteRegistry.class}, (p, m, a) -> switch (m.getName()) {
                    case "suite" -> Optional.ofNullable(suites.get((String) a[0]));
                    case "names" -> suites.keySet().stream().sorted().toList();
                    case "suites" -> suites.keySet().stream().sorted()
                            .map(n -> new SuiteInfo(n, "dev.siprec.srtp.suite.x 1.0.0", 1, 2, 3)).toList();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void showsRankAndStateInPreferenceOrderIncludingUnregisteredAndDisabledNames() {
        SrtpCryptoSuiteRegistry reg = registry(Map.of(
                "AES_CM_128_HMAC_SHA1_80", suite("AES_CM_128_HMAC_SHA1_80", 16, 14, 10),
                "NULL_HMAC_SHA1_80", suite("NULL_HMAC_SHA1_80", 16, 14, 10),
                "AES_CM_128_HMAC_SHA1_32", suite("AES_CM_128_HMAC_SHA1_32", 16, 14, 4)));
        List<SuiteStatus> order = List.of(
                new SuiteStatus("AES_CM_128_HMAC_SHA1_80", 1, SuiteState.ENABLED, true, 0),
                new SuiteStatus("NULL_HMAC_SHA1_80", 3, SuiteState.ENABLED, false, 0),
                new SuiteStatus("AEAD_AES_128_GCM", 2, SuiteState.NOT_REGISTERED, true, 0),
                new SuiteStatus("AES_CM_128_HMAC_SHA1_32", 0, SuiteState.DISABLED, false, 0));
        String out = SuitesCommand.format(reg, order);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("RANK  SUITE"), out);
        assertTrue(lines.get(2).matches("1 +AES_CM_128_HMAC_SHA1_80 +enabled +128 +112 +80/80 +no +dev.siprec.srtp.suite.x 1.0.0 +1 +2 +3"), out);
        assertTrue(lines.get(3).matches("3 +NULL_HMAC_SHA1_80 +enabled .*"), out);
        assertTrue(lines.get(4).matches("2 +AEAD_AES_128_GCM +not registered +- +- +- +- +- +- +- +-"), out);
        assertTrue(lines.get(5).matches("- +AES_CM_128_HMAC_SHA1_32 +disabled +128 +112 +32/80 .*"), out);
        assertEquals(6, lines.size(), out);
    }

    @Test
    void listsHowTheSuitesComputeBelowTheTableGroupingSuitesThatSayTheSame() {
        SrtpCryptoSuiteRegistry base = registry(Map.of(
                "AES_CM_128_HMAC_SHA1_80", suite("AES_CM_128_HMAC_SHA1_80", 16, 14, 10),
                "AES_CM_128_HMAC_SHA1_32", suite("AES_CM_128_HMAC_SHA1_32", 16, 14, 4),
                "AEAD_AES_128_GCM", suite("AEAD_AES_128_GCM", 16, 12, 16),
                "X_THIRD_PARTY", suite("X_THIRD_PARTY", 16, 14, 10)));
        Map<String, String> impl = Map.of("AES_CM_128_HMAC_SHA1_80", "AES on k, HMAC-SHA1 on k",
                "AES_CM_128_HMAC_SHA1_32", "AES on k, HMAC-SHA1 on k", "AEAD_AES_128_GCM", "AES on k, GHASH on k",
                "X_THIRD_PARTY", "");
        SrtpCryptoSuiteRegistry reg = (SrtpCryptoSuiteRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SrtpCryptoSuiteRegistry.class}, (p, m, a) -> m.getName().equals("suites")
                        ? base.suites().stream().map(i -> new SuiteInfo(i.name(), i.bundle(), 0, 0, 0, impl.get(i.name())))
                                .toList()
                        : m.invoke(base, a));
        List<SuiteStatus> order = List.of(
                new SuiteStatus("AEAD_AES_128_GCM", 1, SuiteState.ENABLED, true, 0),
                new SuiteStatus("AES_CM_128_HMAC_SHA1_80", 2, SuiteState.ENABLED, true, 0),
                new SuiteStatus("AES_CM_128_HMAC_SHA1_32", 3, SuiteState.ENABLED, false, 0),
                new SuiteStatus("X_THIRD_PARTY", 4, SuiteState.ENABLED, false, 0));
        String out = SuitesCommand.format(reg, order);
        assertTrue(out.endsWith("Implementation:\n"
                + "  AEAD_AES_128_GCM: AES on k, GHASH on k\n"
                + "  AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32: AES on k, HMAC-SHA1 on k\n"), out);
        assertTrue(!out.contains("X_THIRD_PARTY:"), "a suite that does not say is left out: " + out);
    }

    @Test
    void withoutTheSdpBundleListsRegisteredSuitesAndSaysTheOrderIsUnknown() {
        SrtpCryptoSuiteRegistry reg = registry(Map.of("AES_CM_128_HMAC_SHA1_80", suite("AES_CM_128_HMAC_SHA1_80", 16, 14, 10)));
        String out = SuitesCommand.format(reg, null);
        assertTrue(out.contains("AES_CM_128_HMAC_SHA1_80"), out);
        assertTrue(out.endsWith("(preference order unknown: is dev.siprec.sdp active?)\n"), out);
    }
}
