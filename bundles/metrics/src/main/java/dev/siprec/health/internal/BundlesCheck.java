package dev.siprec.health.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;

/**
 * No bundle fails to resolve: once the framework is started, a bundle still {@code INSTALLED}
 * (fragments excepted) has requirements nothing satisfies, and the server is CRITICAL.
 */
@Component(immediate = true, service = HealthCheck.class, property = {HealthCheck.NAME + "=bundles", HealthCheck.TAGS + "=" + HealthService.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=5000"})
public final class BundlesCheck implements HealthCheck {
    private final BundleContext context;

    @Activate
    public BundlesCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public Result execute() {
        return FelixResults.toFelix(check());
    }

    /** @return the outcome now, in our three levels */
    HealthResult check() {
        if (context.getBundle(0).getState() != Bundle.ACTIVE) {
            return HealthResult.ok("framework starting");
        }
        List<String> unresolved = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        for (Bundle b : bundles) {
            BundleRevision rev = b.adapt(BundleRevision.class);
            boolean fragment = rev != null && (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (b.getState() == Bundle.INSTALLED && !fragment) {
                unresolved.add(b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]");
            }
        }
        return unresolved.isEmpty() ? HealthResult.ok(bundles.length + " bundles resolved")
                : HealthResult.critical("unresolved: " + String.join(", ", unresolved));
    }
}
