package dev.siprec.sip.transport.stream;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;

/** Turns a TLS failure into a reason an operator understands, for the once-per-peer log line. */
public final class TlsReasons {
    private TlsReasons() {
    }

    public static String describe(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid (" + t.getMessage() + ")";
            }
            if (t instanceof CertPathValidatorException cpv && cpv.getReason() != null) {
                return "certificate rejected: " + cpv.getReason() + " (" + cpv.getMessage() + ")";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
            return "not TLS: plain text (or another protocol) sent to the TLS port";
        }
        if (m.contains("Empty client certificate chain") || m.contains("Empty server certificate chain")) {
            return "no certificate presented, but one is required (client.auth=need)";
        }
        if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
            return "certificate not trusted (" + m + ")";
        }
        if (m.contains("No appropriate protocol") || m.contains("protocol_version")
                || m.contains("not supported or has been disabled") || m.contains("Client requested protocol")) {
            return "protocol version not accepted (" + m + ")";
        }
        if (m.contains("no cipher suites in common") || m.contains("No appropriate cipher")) {
            return "no cipher suite in common (" + m + ")";
        }
        if (m.contains("No subject alternative") || m.contains("No name matching")) {
            return "host name does not match the certificate (" + m + ")";
        }
        return m;
    }
}
