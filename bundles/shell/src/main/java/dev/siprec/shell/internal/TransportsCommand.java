package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;

/**
 * {@code siprec:transports}: one line per SIP listener of every registered {@link SipTransport}
 * (UDP, TCP, TLS, ...) with its state, reason, counters and TLS summary; {@code -v} adds every
 * transport-specific detail.
 */
@Component(service = TransportsCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=transports"
})
public final class TransportsCommand {

    /** Details shown in the summary column, in this order, when a transport reports them. */
    static final List<String> SUMMARY_KEYS = List.of("tls.protocols", "tls.protocol", "tls.cipher.suites", "client.auth",
            "certificate.subject", "certificate.notAfter");

    private final Map<SipTransport, Boolean> transports = new ConcurrentHashMap<>();

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addTransport(SipTransport transport) {
        transports.put(transport, Boolean.TRUE);
    }

    void removeTransport(SipTransport transport) {
        transports.remove(transport);
    }

    @Descriptor("Lists the SIP listeners: transport, address, state, connections, errors, TLS summary")
    public void transports(CommandSession session,
            @Descriptor("show every detail a transport reports") @Parameter(names = {"-v", "--verbose"}, presentValue = "true", absentValue = "false") boolean verbose) {
        session.getConsole().print(transports(verbose));
    }

    String transports(boolean verbose) {
        return render(new ArrayList<>(transports.keySet()), verbose);
    }

    static String render(List<SipTransport> list, boolean verbose) {
        if (list.isEmpty()) {
            return "No SIP transport registered (install and configure sip-transport-udp/tcp/tls).\n";
        }
        list.sort(Comparator.comparing(SipTransport::transport).thenComparing(SipTransport::name));
        Table table = new Table("TRANSPORT", "LISTENER", "ADDRESS", "STATE", "SINCE", "CONNECTIONS", "RECEIVED", "ERRORS", "REASON", "DETAILS");
        for (SipTransport t : list) {
            ListenerStatus s;
            try {
                s = t.status();
            } catch (RuntimeException e) {
                table.row(t.transport(), t.name(), "?", "UNKNOWN", null, null, null, null, "status() failed: " + e.getMessage(), null);
                continue;
            }
            table.row(t.transport(), t.name(), address(t.localAddress()), s.state(), s.since(), s.connections(),
                    s.received(), s.errors(), s.reason(), details(s.details(), verbose));
        }
        return table.toString();
    }

    static String address(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    static String details(Map<String, String> details, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        if (verbose) {
            new TreeMap<>(details).forEach((k, v) -> append(sb, k, v));
        } else {
            for (String k : SUMMARY_KEYS) {
                String v = details.get(k);
                if (v != null) {
                    append(sb, k, v);
                }
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void append(StringBuilder sb, String k, String v) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(k).append('=').append(v);
    }
}
