package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.health.api.HealthService;
import dev.siprec.recording.api.RecordingSinkRegistry;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/** {@code siprec:status}: version, uptime, the project's bundles, transports, suites, sinks and health. */
@Component(service = StatusCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=status"
})
public final class StatusCommand {
    static final String PROJECT_PREFIX = "dev.siprec.";

    private final BundleContext context;
    private final Map<ServiceReference<SipTransport>, SipTransport> transports = new ConcurrentSkipListMap<>();

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SrtpCryptoSuiteRegistry suites;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSinkRegistry sinks;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile HealthService health;

    @Activate
    public StatusCommand(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addTransport(ServiceReference<SipTransport> ref, SipTransport transport) {
        transports.put(ref, transport);
    }

    void removeTransport(ServiceReference<SipTransport> ref) {
        transports.remove(ref);
    }

    @Descriptor("Shows the server's version, uptime, bundles, SIP transports, SRTP suites, recording sinks and health checks")
    public void status(CommandSession session) {
        session.getConsole().print(status());
    }

    String status() {
        StringBuilder sb = new StringBuilder();
        Bundle api = bundle(PROJECT_PREFIX + "api");
        sb.append("SIPREC recording server ").append(api == null ? "(api bundle missing)" : api.getVersion()).append('\n');
        sb.append("Uptime: ").append(uptime(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()))).append('\n');
        sb.append("Java: ").append(System.getProperty("java.runtime.version")).append(", framework ")
                .append(context.getBundle(0).getSymbolicName()).append(' ').append(context.getBundle(0).getVersion()).append("\n\n");

        Table bundles = new Table("ID", "BUNDLE", "VERSION", "STATE");
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith(PROJECT_PREFIX)) {
                bundles.row(b.getBundleId(), b.getSymbolicName(), b.getVersion(), state(b.getState()));
            }
        }
        sb.append("Bundles\n").append(bundles).append('\n');

        Table listeners = new Table("TRANSPORT", "LISTENER", "ADDRESS", "STATE", "CONNECTIONS", "REASON");
        for (SipTransport t : transports.values()) {
            ListenerStatus s = t.status();
            listeners.row(t.transport(), t.name(), t.localAddress(), s.state(), s.connections(), s.reason());
        }
        sb.append("SIP transports\n").append(listeners.isEmpty() ? "(none registered)\n" : listeners).append('\n');

        SrtpCryptoSuiteRegistry reg = suites;
        sb.append("SRTP suites: ").append(reg == null ? "(registry not available)" : names(reg.names())).append('\n');
        RecordingSinkRegistry sinkReg = sinks;
        sb.append("Recording sinks: ").append(sinkReg == null ? "(registry not available)" : names(sinkReg.names())).append('\n');
        sb.append('\n').append(health(health));
        return sb.toString();
    }

    /** The health verdict and every check's latest result; {@code CRITICAL} checks make the server unhealthy. */
    static String health(HealthService h) {
        if (h == null) {
            return "Health: (health service not available)\n";
        }
        Table t = new Table("CHECK", "STATUS", "CHECKED", "MESSAGE");
        for (HealthService.CheckResult r : h.results()) {
            t.row(Terminal.safe(r.name()), r.result().status(), r.at(), Terminal.safe(r.result().message()));
        }
        return "Health: " + (h.healthy() ? "UP" : "DOWN (OPTIONS answered 503)") + "\n" + (t.isEmpty() ? "(no checks run yet)\n" : t.toString());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    static String uptime(Duration d) {
        long s = d.getSeconds();
        return s >= 86400 ? String.format("%dd %02dh %02dm %02ds", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60)
                : String.format("%02dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> String.valueOf(state);
        };
    }
}
