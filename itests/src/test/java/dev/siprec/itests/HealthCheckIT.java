package dev.siprec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.siprec.health.api.HealthService;
import dev.siprec.health.api.HealthService.CheckResult;

/**
 * Health on Apache Felix Health Checks, in the distribution's own bundles: our checks are Felix HC
 * services run by Felix's executor; a check registered by another bundle (this test's probe) with
 * the tag {@code siprec} turns the server's verdict, one with another tag does not; Felix's own
 * {@code hc:exec} command lists them; a threshold change applies without re-activating the checks.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthCheckIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    HealthService health;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    CommandProcessor commands;

    @Configuration
    public Option[] config() {
        return Distribution.frameworkOptions("health");
    }

    private Optional<CheckResult> result(String name) {
        return health.checkNow().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private void healthyBaseline() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        org.osgi.service.cm.Configuration udp = configAdmin.getFactoryConfiguration("dev.siprec.transport.udp", "health", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bind.address", "127.0.0.1");
        props.put("port", port);
        udp.update(props);
        setHealth(0);
        assertTrue("not healthy with a UDP listener and no disk threshold: " + health.checkNow(),
                Await.until(WAIT, () -> health.checkNow().size() >= 5 && health.healthy()));
    }

    private void setHealth(long diskMinFreeMb) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("dev.siprec.health", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("disk.min.free.mb", diskMinFreeMb);
        props.put("disk.warn.free.mb", 0L);
        c.update(props);
    }

    @Test
    public void ourChecksAreFelixHealthChecksAndAnotherBundlesTaggedCheckCounts() throws Exception {
        healthyBaseline();
        List<String> ours = List.of("bundles", "certificates", "disk.space", "listeners", "recording.directory");
        for (String name : ours) {
            assertEquals(name + " is a Felix HC service tagged siprec", 1,
                    context.getServiceReferences(HealthCheck.class, "(&(hc.name=" + name + ")(hc.tags=siprec))").size());
        }
        assertTrue(health.results().stream().map(CheckResult::name).toList().containsAll(ours));

        AtomicReference<Result> archive = new AtomicReference<>(new Result(Result.Status.CRITICAL, "archive share full"));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HealthCheck.NAME, "itest.archive");
        props.put(HealthCheck.TAGS, new String[] {"storage", HealthService.TAG});
        ServiceRegistration<HealthCheck> tagged = context.registerService(HealthCheck.class, archive::get, props);
        Dictionary<String, Object> otherProps = new Hashtable<>();
        otherProps.put(HealthCheck.NAME, "itest.other");
        otherProps.put(HealthCheck.TAGS, "cms");
        ServiceRegistration<HealthCheck> other = context.registerService(HealthCheck.class,
                () -> new Result(Result.Status.CRITICAL, "not the recorder's business"), otherProps);
        try {
            assertTrue("the tagged check did not make the server unhealthy: " + health.results(),
                    Await.until(WAIT, () -> !health.healthy() && result("itest.archive").isPresent()));
            assertEquals("CRITICAL archive share full", result("itest.archive").map(r -> r.result().status() + " " + r.result().message()).orElse(""));
            assertFalse("a check without the siprec tag is not ours", result("itest.other").isPresent());

            String exec = run("hc:exec " + HealthService.TAG);
            assertTrue(exec, exec.contains("itest.archive") && exec.contains("disk.space") && exec.contains("listeners"));
            assertFalse(exec, exec.contains("itest.other"));

            archive.set(new Result(Result.Status.OK, "archive share mounted"));
            assertTrue("recovery not seen", Await.until(WAIT, () -> health.healthy()));
        } finally {
            tagged.unregister();
            other.unregister();
        }
        assertTrue("an unregistered check takes its result with it", Await.until(WAIT, () -> result("itest.archive").isEmpty()));
    }

    @Test
    public void aThresholdChangeAppliesWithoutReactivatingTheCheck() throws Exception {
        healthyBaseline();
        long before = diskCheckServiceId();
        setHealth(999_999_999L);
        try {
            assertTrue("disk.space did not turn CRITICAL", Await.until(WAIT,
                    () -> result("disk.space").map(r -> r.result().status().name()).orElse("").equals("CRITICAL") && !health.healthy()));
            assertEquals("the check was modified, not re-registered", before, diskCheckServiceId());
        } finally {
            setHealth(0);
        }
        assertTrue("no recovery", Await.until(WAIT, () -> health.healthy()));
    }

    private long diskCheckServiceId() throws Exception {
        return (Long) context.getServiceReferences(HealthCheck.class, "(hc.name=disk.space)").iterator().next().getProperty("service.id");
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandSession session = commands.createSession(System.in, out, out);
        try {
            Object result = session.execute(command);
            return bytes.toString(StandardCharsets.UTF_8) + (result == null ? "" : String.valueOf(result));
        } finally {
            session.close();
        }
    }
}
