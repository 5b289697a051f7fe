package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;

/**
 * {@code siprec:suites}: the SRTP crypto suites registered right now (RFC 4568 §6.2, RFC 6188,
 * RFC 7714), the bundle of each, the sessions using it and its authentication and replay failures.
 */
@Component(service = SuitesCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=suites"
})
public final class SuitesCommand {

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SrtpCryptoSuiteRegistry registry;

    @Descriptor("Lists the registered SRTP crypto suites with their bundles, sessions in use and failure counters")
    public String suites() {
        SrtpCryptoSuiteRegistry reg = registry;
        if (reg == null) {
            return "SRTP suite registry not available (is dev.siprec.srtp.core active?)\n";
        }
        return format(reg);
    }

    static String format(SrtpCryptoSuiteRegistry reg) {
        List<SuiteInfo> infos = reg.suites();
        if (infos.isEmpty()) {
            return "No SRTP suites registered: start a suite bundle (dev.siprec.srtp.suite.aescm, .aesgcm)\n";
        }
        Table t = new Table("SUITE", "KEY", "SALT", "TAG", "AEAD", "BUNDLE", "IN USE", "AUTH FAIL", "REPLAY FAIL");
        for (SuiteInfo i : infos) {
            SrtpCryptoSuite s = reg.suite(i.name()).orElse(null);
            if (s == null) {
                t.row(i.name(), null, null, null, null, i.bundle(), i.inUse(), i.authFailures(), i.replayFailures());
            } else {
                t.row(i.name(), s.masterKeyLength() * 8, s.masterSaltLength() * 8,
                        s.srtpAuthTagLength() * 8 + "/" + s.srtcpAuthTagLength() * 8, s.aead() ? "yes" : "no",
                        i.bundle(), i.inUse(), i.authFailures(), i.replayFailures());
            }
        }
        return t.toString();
    }
}
