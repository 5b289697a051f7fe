package dev.siprec.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthResult.Status;
import dev.siprec.metrics.internal.FakeTransport;
import dev.siprec.sip.api.ListenerStatus.State;

class ListenersCheckTest {
    private static FakeTransport t(String transport, State state) {
        return new FakeTransport(transport, "default", state, 0, 0, Map.of());
    }

    @Test
    void failedOrMissingListenersAreCritical() {
        assertEquals(Status.OK, ListenersCheck.evaluate(List.of(), false).status(), "framework still starting");
        assertEquals(Status.CRITICAL, ListenersCheck.evaluate(List.of(), true).status());
        assertEquals(Status.OK, ListenersCheck.evaluate(List.of(t("UDP", State.LISTENING), t("TCP", State.LISTENING)), true).status());
        HealthResult failed = ListenersCheck.evaluate(List.of(t("UDP", State.LISTENING), t("TLS", State.FAILED)), true);
        assertEquals(Status.CRITICAL, failed.status());
        assertTrue(failed.message().contains("TLS/default (address in use)"), failed.message());
        assertEquals(Status.CRITICAL, ListenersCheck.evaluate(List.of(t("UDP", State.CLOSED)), true).status());
    }
}
