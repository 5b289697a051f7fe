package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.keys.api.CertificateHolder;
import dev.siprec.keys.api.HeldCertificate;
import dev.siprec.keys.api.TlsCredentialService;
import dev.siprec.keys.api.TlsCredentials;

/**
 * {@code siprec:certs}: every TLS identity in use (each listener's chain, leaf first), every
 * entry of a configured trust store, and the certificates other bundles hold ({@link CertificateHolder}
 * services, e.g. the DTLS-SRTP identity while that bundle runs), with subject, issuer, SHA-256
 * fingerprint (RFC 8122 form), expiry and the days left. Expired or soon-expiring certificates are flagged.
 */
@Component(service = CertsCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=certs"
})
public final class CertsCommand {
    /** Certificates expiring within this many days are flagged. */
    static final int WARN_DAYS = 30;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile TlsCredentialService credentials;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    volatile List<CertificateHolder> holders = List.of();

    @Descriptor("Lists every TLS identity and trust entry in use, and the certificates other bundles hold (DTLS-SRTP): owner, role, subject, issuer, SHA-256 fingerprint, expiry, days left")
    public void certs(CommandSession session) {
        session.getConsole().print(certs());
    }

    String certs() {
        TlsCredentialService service = credentials;
        List<CertificateHolder> others = holders;
        if (service == null && (others == null || others.isEmpty())) {
            throw new IllegalStateException("the TLS credential service is not running (bundle dev.siprec.keys)");
        }
        String out = render(service == null ? List.of() : service.inUse(), others == null ? List.of() : others, Instant.now());
        return service == null ? out + "TLS listeners' credentials not listed: the TLS credential service is not running (bundle dev.siprec.keys)\n" : out;
    }

    static String render(List<TlsCredentials> all, Instant now) {
        return render(all, List.of(), now);
    }

    /** @param others certificate holders; one that fails is named in a line after the table, the others are listed */
    static String render(List<TlsCredentials> all, List<CertificateHolder> others, Instant now) {
        List<String> failed = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        for (CertificateHolder h : others) {
            String owner = "?";
            try {
                owner = String.valueOf(h.owner());
                for (HeldCertificate c : h.certificates()) {
                    held.add(new Held(owner, c));
                }
            } catch (RuntimeException e) {
                failed.add("certificates of " + Terminal.safe(owner) + " unavailable: " + Terminal.safe(e.toString()));
            }
        }
        if (all.isEmpty() && held.isEmpty() && failed.isEmpty()) {
            return "No TLS credentials in use (no TLS or WSS listener is configured).\n";
        }
        Table t = new Table("OWNER", "ROLE", "SUBJECT", "ISSUER", "SHA-256", "NOT AFTER", "DAYS LEFT", "STATE");
        for (TlsCredentials c : all) {
            List<X509Certificate> chain = c.certificateChain();
            for (int i = 0; i < chain.size(); i++) {
                row(t, c.name(), i == 0 ? "identity" : "chain[" + i + "]", chain.get(i), false, now);
            }
            for (X509Certificate anchor : c.trustAnchors()) {
                row(t, c.name(), "trust", anchor, false, now);
            }
        }
        for (Held h : held) {
            row(t, h.owner, Terminal.safe(h.certificate.role()), h.certificate.certificate(), h.certificate.rotated(), now);
        }
        StringBuilder out = new StringBuilder(t.toString());
        failed.forEach(f -> out.append(f).append('\n'));
        return out.toString();
    }

    private record Held(String owner, HeldCertificate certificate) {
    }

    /** @param rotated the holder replaces it before it expires: a near expiry is expected, not flagged */
    private static void row(Table t, String owner, String role, X509Certificate cert, boolean rotated, Instant now) {
        Instant notAfter = cert.getNotAfter().toInstant();
        long days = Duration.between(now, notAfter).toDays();
        String state = now.isAfter(notAfter) ? "EXPIRED"
                : now.isBefore(cert.getNotBefore().toInstant()) ? "NOT YET VALID"
                : rotated ? "ok, rotated"
                : days < WARN_DAYS ? "EXPIRES SOON" : "ok";
        t.row(Terminal.safe(owner), role, Terminal.safe(cert.getSubjectX500Principal().getName()),
                Terminal.safe(cert.getIssuerX500Principal().getName()), fingerprint(cert), DATE.format(notAfter), days, state);
    }

    /** @return the SHA-256 fingerprint in {@code AA:BB:...} form */
    static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
