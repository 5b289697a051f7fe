package dev.siprec.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;
import dev.siprec.health.api.HealthService.CheckResult;

class HealthMonitorTest {
    private final FakeExecutor executor = new FakeExecutor();
    private final HealthMonitor monitor = new HealthMonitor(executor, Clock.systemUTC());

    @AfterEach
    void stop() {
        monitor.deactivate();
    }

    private static HealthCheck of(AtomicReference<HealthResult> r) {
        return () -> FelixResults.toFelix(r.get());
    }

    @Test
    void criticalMakesUnhealthyWarnDoesNot() {
        AtomicReference<HealthResult> disk = new AtomicReference<>(HealthResult.ok("plenty"));
        long diskId = executor.register(of(disk), "disk.space", HealthService.TAG);
        executor.register(() -> new Result(Result.Status.OK, "fine"), "listeners", HealthService.TAG);
        assertTrue(monitor.healthy());
        assertEquals(List.of("disk.space", "listeners"), monitor.checkNow().stream().map(CheckResult::name).toList());

        disk.set(HealthResult.warn("low"));
        monitor.checkNow();
        assertTrue(monitor.healthy());
        assertEquals(HealthResult.warn("low"), monitor.results().get(0).result());

        disk.set(HealthResult.critical("full"));
        monitor.checkNow();
        assertFalse(monitor.healthy());
        assertEquals(HealthResult.Status.CRITICAL, monitor.results().get(0).result().status());

        executor.unregister(diskId);
        monitor.checkNow();
        assertTrue(monitor.healthy(), "a check that went away takes its result with it");
        assertEquals(1, monitor.results().size());
    }

    @Test
    void anotherBundlesCheckWithTheTagCountsOthersDoNot() {
        executor.register(() -> new Result(Result.Status.OK, "fine"), "listeners", HealthService.TAG);
        executor.register(() -> new Result(Result.Status.CRITICAL, "not ours"), "cms.repository", "default");
        monitor.checkNow();
        assertTrue(monitor.healthy(), "a check without the siprec tag is not part of the verdict");
        assertEquals(1, monitor.results().size());

        FormattingResultLog log = new FormattingResultLog();
        log.debug("never shown");
        log.info("archive share mounted");
        log.critical("archive share {} full", "/mnt/archive");
        executor.register(() -> new Result(log), "archive.share", "storage", HealthService.TAG);
        monitor.checkNow();
        assertFalse(monitor.healthy());
        CheckResult archive = monitor.results().get(0);
        assertEquals("archive.share", archive.name());
        assertEquals(HealthResult.critical("archive share /mnt/archive full; archive share mounted"), archive.result());
    }

    @Test
    void temporarilyUnavailableAndErrorsAreCritical() {
        executor.register(() -> new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "starting"), "warming", HealthService.TAG);
        monitor.checkNow();
        assertFalse(monitor.healthy());
        executor.register(() -> {
            throw new IllegalStateException("boom");
        }, "broken", HealthService.TAG);
        List<CheckResult> r = monitor.checkNow();
        assertEquals(HealthResult.Status.CRITICAL, r.get(0).result().status());
        assertTrue(r.get(0).result().message().contains("boom"), r.get(0).result().message());
    }

    @Test
    void refreshRunsOneCheckAtOnceAndKeepsTheOthers() {
        AtomicReference<HealthResult> listeners = new AtomicReference<>(HealthResult.critical("no SIP listener registered"));
        executor.register(of(listeners), "listeners", HealthService.TAG);
        executor.register(() -> new Result(Result.Status.OK, "plenty"), "disk.space", HealthService.TAG);
        monitor.checkNow();
        assertFalse(monitor.healthy());
        listeners.set(HealthResult.ok("1 listener(s) bound"));
        int forced = executor.forcedRuns.get();
        monitor.refresh("listeners");
        assertTrue(monitor.healthy(), "no wait for the next period");
        assertTrue(executor.forcedRuns.get() > forced, "a refresh bypasses the result cache");
        assertEquals(List.of("disk.space", "listeners"), monitor.results().stream().map(CheckResult::name).toList());
    }

    @Test
    void aCheckThatLeavesTakesItsResultWithItAtOnce() {
        long id = executor.register(() -> new Result(Result.Status.CRITICAL, "full"), "archive.share", HealthService.TAG);
        executor.register(() -> new Result(Result.Status.OK, "fine"), "listeners", HealthService.TAG);
        monitor.checkNow();
        assertFalse(monitor.healthy());
        executor.unregister(id);
        monitor.forget(id);
        assertTrue(monitor.healthy(), "no wait for the next run");
        assertEquals(List.of("listeners"), monitor.results().stream().map(CheckResult::name).toList());
    }

    @Test
    void whileUnhealthyOnlyTheCriticalChecksAreForcedAgain() {
        AtomicReference<HealthResult> disk = new AtomicReference<>(HealthResult.critical("full"));
        java.util.concurrent.atomic.AtomicInteger listenerRuns = new java.util.concurrent.atomic.AtomicInteger();
        executor.register(of(disk), "disk.space", HealthService.TAG);
        executor.register(() -> {
            listenerRuns.incrementAndGet();
            return new Result(Result.Status.OK, "fine");
        }, "listeners", HealthService.TAG);
        monitor.checkNow();
        int before = listenerRuns.get();
        monitor.rerunWhileUnhealthy();
        assertEquals(before, listenerRuns.get(), "an OK check keeps its period");
        disk.set(HealthResult.ok("freed"));
        monitor.rerunWhileUnhealthy();
        assertTrue(monitor.healthy(), "recovery seen by the forced re-run");
        assertEquals(2, monitor.results().size());
    }

    @Test
    void longMessagesAreBounded() {
        executor.register(() -> new Result(Result.Status.WARN, "x".repeat(5000)), "chatty", HealthService.TAG);
        assertEquals(FelixResults.MAX_MESSAGE, monitor.checkNow().get(0).result().message().length());
    }
}
