package dev.siprec.health.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.health.api.HealthCheck;
import dev.siprec.health.api.HealthResult;
import dev.siprec.keys.api.TlsCredentialService;
import dev.siprec.keys.api.TlsCredentials;

/**
 * No TLS certificate in use (leaf of each loaded credential, from {@link TlsCredentialService#inUse()})
 * is expired or about to: WARN within {@code certificate.warn.days}, CRITICAL once expired or within
 * {@code certificate.critical.days}.
 */
@Component(service = HealthCheck.class, configurationPid = "dev.siprec.health", property = HealthCheck.NAME + "=certificates")
public final class CertificateExpiryCheck implements HealthCheck {
    /** One certificate's name and validity end. */
    record Expiry(String name, Instant notAfter) {
    }

    private final int warnDays;
    private final int criticalDays;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile TlsCredentialService credentials;

    @Activate
    public CertificateExpiryCheck(HealthConfig config) {
        if (config.certificate_warn_days() < 0 || config.certificate_critical_days() < 0) {
            throw new IllegalArgumentException("certificate.warn.days and certificate.critical.days must be 0 or more");
        }
        this.warnDays = config.certificate_warn_days();
        this.criticalDays = config.certificate_critical_days();
    }

    @Override
    public HealthResult check() {
        TlsCredentialService svc = credentials;
        if (svc == null) {
            return HealthResult.ok("no TLS credential service");
        }
        List<Expiry> all = new ArrayList<>();
        for (TlsCredentials c : svc.inUse()) {
            List<X509Certificate> chain = c.certificateChain();
            if (!chain.isEmpty()) {
                all.add(new Expiry(c.name(), chain.get(0).getNotAfter().toInstant()));
            }
        }
        return evaluate(all, Instant.now(), warnDays, criticalDays);
    }

    static HealthResult evaluate(List<Expiry> all, Instant now, int warnDays, int criticalDays) {
        if (all.isEmpty()) {
            return HealthResult.ok("no TLS certificate in use");
        }
        List<String> critical = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        Instant nearest = null;
        for (Expiry e : all) {
            long days = Duration.between(now, e.notAfter()).toDays();
            String text = e.name() + " " + (e.notAfter().isBefore(now) ? "expired " + e.notAfter() : "expires in " + days + " d (" + e.notAfter() + ")");
            if (!e.notAfter().isAfter(now) || e.notAfter().isBefore(now.plus(Duration.ofDays(criticalDays)))) {
                critical.add(text);
            } else if (e.notAfter().isBefore(now.plus(Duration.ofDays(warnDays)))) {
                warn.add(text);
            }
            nearest = nearest == null || e.notAfter().isBefore(nearest) ? e.notAfter() : nearest;
        }
        if (!critical.isEmpty()) {
            return HealthResult.critical(String.join("; ", critical));
        }
        if (!warn.isEmpty()) {
            return HealthResult.warn(String.join("; ", warn));
        }
        return HealthResult.ok(all.size() + " certificate(s), first expiry in " + Duration.between(now, nearest).toDays() + " d");
    }
}
