package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.siprec.health.api.HealthService;

/** OPTIONS follows the health verdict (a load balancer's probe); INVITE does not. */
class HealthOptionsTest {
    private final CoreHarness c = new CoreHarness();
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    private final HealthService health = new HealthService() {
        @Override
        public boolean healthy() {
            return healthy.get();
        }

        @Override
        public List<CheckResult> results() {
            return List.of();
        }

        @Override
        public List<CheckResult> checkNow() {
            return List.of();
        }
    };

    @Test
    void optionsIs503WhileUnhealthyAnd200Otherwise() {
        c.receive(request("OPTIONS", c.nextBranch(), "ping-0", "p", null, 1, null));
        assertEquals(200, c.last().statusCode(), "no health service: healthy");

        c.engine.health(health);
        healthy.set(false);
        c.receive(request("OPTIONS", c.nextBranch(), "ping-1", "p", null, 1, null));
        assertEquals(503, c.last().statusCode());
        assertEquals("Service Unavailable (unhealthy)", c.last().reasonPhrase());
        assertEquals("30", c.last().header("Retry-After"));

        c.receive(request("INVITE", c.nextBranch(), "call-h", "ft", null, 1, SDP));
        assertEquals(200, c.last().statusCode(), "calls still accepted: only the probe is told");

        healthy.set(true);
        c.receive(request("OPTIONS", c.nextBranch(), "ping-2", "p", null, 1, null));
        assertEquals(200, c.last().statusCode());

        healthy.set(false);
        c.engine.unsetHealth(new HealthService() {
            @Override
            public boolean healthy() {
                return true;
            }

            @Override
            public List<CheckResult> results() {
                return List.of();
            }

            @Override
            public List<CheckResult> checkNow() {
                return List.of();
            }
        });
        c.receive(request("OPTIONS", c.nextBranch(), "ping-3", "p", null, 1, null));
        assertEquals(503, c.last().statusCode(), "unbinding another service keeps ours");
        c.engine.unsetHealth(health);
        c.receive(request("OPTIONS", c.nextBranch(), "ping-4", "p", null, 1, null));
        assertEquals(200, c.last().statusCode());
    }
}
