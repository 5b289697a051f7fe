package dev.siprec.health.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;

/**
 * Every configured SIP listener is bound: CRITICAL when one has failed or none is registered. Also
 * registered under its own class, so that the monitor can re-run it at once when a listener comes
 * or goes.
 */
@Component(immediate = true, service = {HealthCheck.class, ListenersCheck.class}, property = {HealthCheck.NAME + "=listeners", HealthCheck.TAGS + "=" + HealthService.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=1000"})
public final class ListenersCheck implements HealthCheck {
    private final List<SipTransport> transports = new CopyOnWriteArrayList<>();
    private final BundleContext context;

    @Activate
    public ListenersCheck(BundleContext context) {
        this.context = context;
    }

    /** Set by the monitor: re-runs this check at once when a listener comes or goes, so that no stale verdict is served. */
    private volatile Runnable refresher = () -> { };

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addTransport(SipTransport t) {
        transports.add(t);
        refresh();
    }

    void removeTransport(SipTransport t) {
        transports.remove(t);
        refresh();
    }

    void refresher(Runnable r) {
        refresher = r == null ? () -> { } : r;
    }

    private void refresh() {
        refresher.run();
    }

    @Override
    public Result execute() {
        return FelixResults.toFelix(check());
    }

    /** @return the outcome now, in our three levels */
    HealthResult check() {
        return evaluate(List.copyOf(transports), context.getBundle(0).getState() == Bundle.ACTIVE);
    }

    /** @param started whether the framework has finished starting: before, listeners may still be on their way */
    static HealthResult evaluate(List<SipTransport> all, boolean started) {
        if (all.isEmpty() && !started) {
            return HealthResult.ok("framework starting");
        }
        if (all.isEmpty()) {
            return HealthResult.critical("no SIP listener registered");
        }
        List<String> failed = new ArrayList<>();
        int listening = 0;
        for (SipTransport t : all) {
            ListenerStatus s = t.status();
            if (s.state() == ListenerStatus.State.LISTENING) {
                listening++;
            } else if (s.state() == ListenerStatus.State.FAILED) {
                failed.add(t.transport() + "/" + t.name() + " (" + s.reason() + ")");
            }
        }
        if (!failed.isEmpty()) {
            return HealthResult.critical("listener failed: " + String.join(", ", failed));
        }
        if (listening == 0) {
            return HealthResult.critical("no SIP listener bound");
        }
        return HealthResult.ok(listening + " listener(s) bound");
    }
}
