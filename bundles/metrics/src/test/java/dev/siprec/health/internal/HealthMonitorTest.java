package dev.siprec.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.health.api.HealthCheck;
import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService.CheckResult;

class HealthMonitorTest {
    private final HealthMonitor monitor = new HealthMonitor(Clock.systemUTC());

    @AfterEach
    void stop() {
        monitor.deactivate();
    }

    @Test
    void criticalMakesUnhealthyWarnDoesNot() {
        AtomicReference<HealthResult> disk = new AtomicReference<>(HealthResult.ok("plenty"));
        HealthCheck diskCheck = disk::get;
        monitor.addCheck(diskCheck, Map.of(HealthCheck.NAME, "disk.space"));
        monitor.addCheck(() -> HealthResult.ok("fine"), Map.of(HealthCheck.NAME, "listeners"));
        assertTrue(monitor.healthy());
        assertEquals(List.of("disk.space", "listeners"), monitor.checkNow().stream().map(CheckResult::name).toList());

        disk.set(HealthResult.warn("low"));
        monitor.checkNow();
        assertTrue(monitor.healthy());

        disk.set(HealthResult.critical("full"));
        monitor.checkNow();
        assertFalse(monitor.healthy());
        assertEquals(HealthResult.Status.CRITICAL, monitor.results().get(0).result().status());

        monitor.removeCheck(diskCheck);
        assertTrue(monitor.healthy());
        assertEquals(1, monitor.results().size());
    }

    @Test
    void refreshRunsOneCheckAtOnce() {
        AtomicReference<HealthResult> listeners = new AtomicReference<>(HealthResult.critical("no SIP listener registered"));
        HealthCheck check = listeners::get;
        monitor.addCheck(check, Map.of(HealthCheck.NAME, "listeners"));
        monitor.checkNow();
        assertFalse(monitor.healthy());
        listeners.set(HealthResult.ok("1 listener(s) bound"));
        monitor.refresh(check);
        assertTrue(monitor.healthy(), "no wait for the next period");
        monitor.refresh(() -> HealthResult.critical("not registered"));
        assertTrue(monitor.healthy(), "an unregistered check is not run");
    }

    @Test
    void aThrowingCheckIsCriticalAndANamelessOneIgnored() {
        monitor.addCheck(() -> {
            throw new IllegalStateException("boom");
        }, Map.of(HealthCheck.NAME, "broken"));
        monitor.addCheck(() -> HealthResult.critical("never seen"), Map.of());
        List<CheckResult> r = monitor.checkNow();
        assertEquals(1, r.size());
        assertEquals(HealthResult.Status.CRITICAL, r.get(0).result().status());
        assertTrue(r.get(0).result().message().contains("boom"));
        assertFalse(monitor.healthy());
    }
}
