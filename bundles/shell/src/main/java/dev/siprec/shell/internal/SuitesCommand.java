package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.sdp.api.SrtpSuitePreferences;
import dev.siprec.sdp.api.SrtpSuitePreferences.SuiteStatus;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;

/**
 * {@code siprec:suites}: the SRTP crypto suites (RFC 4568 §6.2, RFC 6188, RFC 7714) in the order
 * offer/answer prefers them, with each one's preference rank and state ({@code enabled},
 * {@code disabled}, {@code not registered}), the bundle that registers it, the sessions using it and
 * its authentication and replay failures.
 */
@Component(service = SuitesCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=suites"
})
public final class SuitesCommand {

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SrtpCryptoSuiteRegistry registry;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SrtpSuitePreferences preferences;

    @Descriptor("Lists the SRTP crypto suites in preference order with rank, state (enabled, disabled, not registered), "
            + "bundle, sessions in use and failure counters")
    public void suites(CommandSession session) {
        session.getConsole().print(suites());
    }

    String suites() {
        SrtpCryptoSuiteRegistry reg = registry;
        if (reg == null) {
            return "SRTP suite registry not available (is dev.siprec.srtp.core active?)\n";
        }
        SrtpSuitePreferences prefs = preferences;
        return format(reg, prefs == null ? null : prefs.suites());
    }

    /**
     * @param order the preference order from the SDP bundle, or {@code null} when it is not running
     *              (then the registered suites are listed by name, without rank or state)
     */
    static String format(SrtpCryptoSuiteRegistry reg, List<SuiteStatus> order) {
        Map<String, SuiteInfo> infos = reg.suites().stream()
                .collect(Collectors.toMap(SuiteInfo::name, Function.identity(), (a, b) -> a));
        Set<String> names = new LinkedHashSet<>();
        if (order != null) {
            order.forEach(s -> names.add(s.name()));
        }
        names.addAll(infos.keySet().stream().sorted().toList());
        if (names.isEmpty()) {
            return "No SRTP suites registered: start a suite bundle (dev.siprec.srtp.suite.aescm, .aesgcm)\n";
        }
        Map<String, SuiteStatus> status = order == null ? Map.of()
                : order.stream().collect(Collectors.toMap(SuiteStatus::name, Function.identity(), (a, b) -> a));
        Table t = new Table("RANK", "SUITE", "STATE", "KEY", "SALT", "TAG", "AEAD", "BUNDLE", "IN USE", "AUTH FAIL",
                "REPLAY FAIL");
        for (String name : names) {
            SuiteStatus st = status.get(name);
            Object rank = st == null || st.rank() == 0 ? null : st.rank();
            String state = st == null ? (order == null ? null : "enabled") : state(st);
            SuiteInfo i = infos.get(name);
            SrtpCryptoSuite s = reg.suite(name).orElse(null);
            List<Object> row = new ArrayList<>(List.of(rank == null ? "-" : rank, name));
            row.add(state);
            if (s == null) {
                row.addAll(java.util.Arrays.asList(null, null, null, null));
            } else {
                row.addAll(List.of(s.masterKeyLength() * 8, s.masterSaltLength() * 8,
                        s.srtpAuthTagLength() * 8 + "/" + s.srtcpAuthTagLength() * 8, s.aead() ? "yes" : "no"));
            }
            if (i == null) {
                row.addAll(java.util.Arrays.asList(null, null, null, null));
            } else {
                row.addAll(List.of(i.bundle(), i.inUse(), i.authFailures(), i.replayFailures()));
            }
            t.row(row.toArray());
        }
        String text = t.toString() + implementations(names, infos);
        return order == null ? text + "(preference order unknown: is dev.siprec.sdp active?)\n" : text;
    }

    /** Below the table: how the registered suites compute, the suites that say the same grouped on one line. */
    private static String implementations(Set<String> names, Map<String, SuiteInfo> infos) {
        Map<String, List<String>> byImplementation = new java.util.LinkedHashMap<>();
        for (String name : names) {
            SuiteInfo i = infos.get(name);
            if (i != null && i.implementation() != null && !i.implementation().isEmpty()) {
                byImplementation.computeIfAbsent(i.implementation(), k -> new ArrayList<>()).add(name);
            }
        }
        if (byImplementation.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("Implementation:\n");
        byImplementation.forEach((impl, suites) ->
                b.append("  ").append(String.join(", ", suites)).append(": ").append(impl).append('\n'));
        return b.toString();
    }

    private static String state(SuiteStatus st) {
        return st.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
