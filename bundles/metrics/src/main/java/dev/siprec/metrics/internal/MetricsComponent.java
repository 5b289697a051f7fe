package dev.siprec.metrics.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.health.api.HealthService;
import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;
import dev.siprec.stats.api.StatisticsSource;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Serves {@code /metrics} and {@code /health}. Every scrape reads, at that moment, every registered
 * {@link StatisticsSource}, every SIP listener, the suite registry, the active sessions, the counted
 * session events and the health verdict: nothing is cached between scrapes, and plug-ins that come
 * and go are seen at the next scrape.
 */
@Component(service = {}, immediate = true, configurationPid = "dev.siprec.metrics",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MetricsConfig.class)
public final class MetricsComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsComponent.class);

    private final List<StatisticsSource> sources = new CopyOnWriteArrayList<>();
    private final List<SipTransport> transports = new CopyOnWriteArrayList<>();
    private final HttpEndpoint endpoint;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SrtpCryptoSuiteRegistry suites;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSessions sessions;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile HealthService health;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SessionEvents events;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RtpQuality rtpQuality;

    @Activate
    public MetricsComponent(MetricsConfig config) throws Exception {
        BasicAuth auth = BasicAuth.of(config.auth_username(), config.auth_password());
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new SiprecCollector(this::samples));
        registry.register(this::rtpSnapshots);
        if (config.jvm_metrics()) {
            JvmMemoryMetrics.builder().register(registry);
            JvmThreadsMetrics.builder().register(registry);
            JvmGarbageCollectorMetrics.builder().register(registry);
            JvmClassLoadingMetrics.builder().register(registry);
            JvmRuntimeInfoMetric.builder().register(registry);
            ProcessMetrics.builder().register(registry);
        }
        endpoint = new HttpEndpoint(registry, auth, () -> HealthPages.page(health));
        endpoint.start(config.bind_address(), config.port(), config.idle_timeout_ms());
        LOG.info("Metrics endpoint on http://{}/metrics and /health ({})", Hosts.text(endpoint.localAddress()),
                auth == null ? "no authentication" : "basic authentication");
        if (auth == null && !Hosts.isLoopback(config.bind_address())) {
            LOG.warn("dev.siprec.metrics: bound to {} without authentication; set auth.username and auth.password", config.bind_address());
        }
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
        LOG.info("Metrics endpoint closed");
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addSource(StatisticsSource source) {
        sources.add(source);
    }

    void removeSource(StatisticsSource source) {
        sources.remove(source);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addTransport(SipTransport transport) {
        transports.add(transport);
    }

    void removeTransport(SipTransport transport) {
        transports.remove(transport);
    }

    /** The RTP quality histograms, empty while their component is not there. */
    private MetricSnapshots rtpSnapshots() {
        RtpQuality q = rtpQuality;
        return q == null ? new MetricSnapshots() : q.collect();
    }

    HttpEndpoint endpoint() {
        return endpoint;
    }

    /** Everything of the server at this moment; one failing source is skipped, never the whole scrape. */
    List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        boolean sessionScope = false;
        for (StatisticsSource s : sources) {
            try {
                Map<String, Long> counters = s.counters();
                out.addAll(SeriesMapper.fromSource(s, counters));
                sessionScope |= StatisticsSource.SCOPE_SESSIONS.equals(s.scope());
            } catch (RuntimeException e) {
                LOG.debug("statistics source {}/{} failed: {}", s.scope(), s.name(), e.toString());
            }
        }
        for (SipTransport t : transports) {
            try {
                out.addAll(SeriesMapper.fromTransport(t));
            } catch (RuntimeException e) {
                LOG.debug("transport status failed: {}", e.toString());
            }
        }
        SrtpCryptoSuiteRegistry reg = suites;
        if (reg != null) {
            for (SuiteInfo info : reg.suites()) {
                out.addAll(SeriesMapper.fromSuite(info));
            }
        }
        RecordingSessions rs = sessions;
        if (rs != null && !sessionScope) {
            out.add(new Sample(SeriesMapper.PREFIX + "sessions_active", false, "Recording sessions being set up or recorded",
                    Map.of("name", "siprec"), rs.sessions().size()));
        }
        SessionEvents ev = events;
        if (ev != null) {
            out.addAll(ev.samples());
        }
        HealthService h = health;
        if (h != null) {
            out.addAll(SeriesMapper.fromHealth(h));
        }
        return out;
    }
}
