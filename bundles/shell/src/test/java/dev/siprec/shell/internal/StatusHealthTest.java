package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;

class StatusHealthTest {

    private static HealthService service(boolean healthy, List<HealthService.CheckResult> results) {
        return new HealthService() {
            @Override
            public boolean healthy() {
                return healthy;
            }

            @Override
            public List<CheckResult> results() {
                return results;
            }

            @Override
            public List<CheckResult> checkNow() {
                return results;
            }
        };
    }

    @Test
    void showsVerdictAndEveryCheck() {
        Instant at = Instant.parse("2026-12-03T08:00:00Z");
        String down = StatusCommand.health(service(false, List.of(
                new HealthService.CheckResult("disk.space", HealthResult.critical("100 MiB free, below 1024 MiB"), at),
                new HealthService.CheckResult("listeners", HealthResult.ok("3 listener(s) bound\u001b[2J"), at))));
        assertTrue(down.startsWith("Health: DOWN (OPTIONS answered 503)\n"), down);
        assertTrue(down.contains("disk.space"), down);
        assertTrue(down.contains("CRITICAL"), down);
        assertTrue(down.contains("100 MiB free, below 1024 MiB"), down);
        assertTrue(!down.contains("\u001b"), "terminal escapes from a check's message are neutralised");
        assertTrue(StatusCommand.health(service(true, List.of())).startsWith("Health: UP\n(no checks run yet)"));
        assertEquals("Health: (health service not available)\n", StatusCommand.health(null));
    }
}
