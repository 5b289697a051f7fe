package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;
import dev.siprec.stats.api.StatisticsSource;

class StatsCommandTest {

    @Test
    void rendersEverySourceAndFiltersByScope() {
        Map<String, Long> sink = new LinkedHashMap<>();
        sink.put("bytes.written", 123456L);
        List<StatisticsSource> all = List.of(
                StatsCommand.snapshot("sink", "wav", sink),
                StatsCommand.fromSuite(new SuiteInfo("AES_CM_128_HMAC_SHA1_80", "dev.siprec.srtp.suite.aescm", 2, 7, 3)),
                StatsCommand.snapshot("acme", "third-party\u001b[2J", Map.of("widgets", 5L)));
        String out = StatsCommand.render(all, null);
        assertTrue(out.contains("bytes.written") && out.contains("123456"), out);
        assertTrue(out.contains("AES_CM_128_HMAC_SHA1_80") && out.contains("auth.failures"), out);
        assertTrue(out.contains("acme") && out.contains("widgets"), "a plug-in's own scope is shown:\n" + out);
        assertFalse(out.contains("\u001b"), "control characters escaped");

        String suites = StatsCommand.render(all, "suite");
        assertTrue(suites.contains("replays"), suites);
        assertFalse(suites.contains("bytes.written"), suites);
        assertTrue(StatsCommand.render(all, "nothing").contains("No counters in scope nothing"));
    }

    @Test
    void aFailingSourceDoesNotHideTheOthers() {
        StatisticsSource broken = new StatisticsSource() {
            @Override
            public String scope() {
                return "sink";
            }

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Map<String, Long> counters() {
                throw new IllegalStateException("closed");
            }
        };
        String out = StatsCommand.render(List.of(broken, StatsCommand.snapshot("sink", "wav", Map.of("files", 2L))), null);
        assertTrue(out.contains("(failed)") && out.contains("files"), out);
    }
}
