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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;
import dev.siprec.keys.api.TlsCredentialService;
import dev.siprec.keys.api.TlsCredentials;

/**
 * No TLS certificate in use (leaf of each loaded credential, from {@link TlsCredentialService#inUse()})
 * is expired or about to: WARN within {@code certificate.warn.days}, CRITICAL once expired or within
 * {@code certificate.critical.days}.
 */
@Component(immediate = true, service = HealthCheck.class, configurationPid = "dev.siprec.health", property = {HealthCheck.NAME + "=certificates", HealthCheck.TAGS + "=" + HealthService.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=60000"})
public final class CertificateExpiryCheck implements HealthCheck {
    /** One certificate's name and validity end. */
    record Expiry(String name, Instant notAfter) {
    }

    /** Both thresholds, replaced as one on a configuration change. */
    private record Days(int warn, int critical) {
        Days {
            if (warn < 0 || critical < 0) {
                throw new IllegalArgumentException("certificate.warn.days and certificate.critical.days must be 0 or more");
            }
        }
    }

    private volatile Days days;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile TlsCredentialService credentials;

    @Activate
    public CertificateExpiryCheck(HealthConfig config) {
        modified(config);
    }

    /** New thresholds apply from the next run. */
    @Modified
    void modified(HealthConfig config) {
        days = new Days(config.certificate_warn_days(), config.certificate_critical_days());
    }

    @Override
    public Result execute() {
        return FelixResults.toFelix(check());
    }

    /** @return the outcome now, in our three levels */
    HealthResult check() {
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
        Days d = days;
        return evaluate(all, Instant.now(), d.warn(), d.critical());
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
