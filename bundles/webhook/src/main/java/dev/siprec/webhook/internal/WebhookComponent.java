package dev.siprec.webhook.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.events.api.SiprecEvents;
import dev.siprec.stats.api.StatisticsSource;

/**
 * One webhook: the server's events ({@code dev/siprec/*}, see {@link SiprecEvents}) POSTed as JSON
 * to {@code url}, signed with HMAC-SHA256 of {@code secret}, from a bounded on-disk queue under
 * {@code <siprec.data>/webhook/<name>/}. A factory configuration: one {@code .cfg} file per receiver,
 * e.g. {@code etc/dev.siprec.webhook-archive.cfg}.
 */
@Component(service = EventHandler.class, configurationPid = WebhookComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = EventConstants.EVENT_TOPIC + "=" + SiprecEvents.TOPIC_ALL)
@Designate(ocd = WebhookComponent.Config.class, factory = true)
public final class WebhookComponent implements EventHandler {
    static final String PID = "dev.siprec.webhook";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookComponent.class);

    @ObjectClassDefinition(name = "SIPREC webhook", description = "POSTs the server's events as signed JSON to one HTTP(S) receiver.")
    public @interface Config {
        @AttributeDefinition(description = "Receiver URL, http:// or https://")
        String url();

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Shared secret for the X-Siprec-Signature "
                + "HMAC-SHA256 header; at least 16 characters")
        String secret();

        @AttributeDefinition(description = "Event Admin topics to send (wildcards end in /*)")
        String[] event_topics() default {SiprecEvents.TOPIC_ALL};

        @AttributeDefinition(description = "Folder of the on-disk queue; empty: <siprec.data>/webhook/<name>")
        String queue_directory() default "";

        @AttributeDefinition(min = "1", max = "10000000", description = "Events kept while the receiver is unreachable; newer ones are dropped and counted")
        int queue_max_events() default 100_000;

        @AttributeDefinition(min = "1024", description = "Bytes of events kept while the receiver is unreachable")
        long queue_max_bytes() default 256L * 1024 * 1024;

        @AttributeDefinition(min = "1", max = "300", description = "Connect and response timeout per attempt")
        int timeout_seconds() default 10;

        @AttributeDefinition(min = "0.05", max = "3600", description = "First retry delay; doubles per failure")
        double retry_initial_seconds() default 1;

        @AttributeDefinition(min = "0.05", max = "86400", description = "Longest retry delay")
        double retry_max_seconds() default 300;
    }

    private final Delivery delivery;
    private final ServiceRegistration<StatisticsSource> stats;

    @Activate
    public WebhookComponent(BundleContext context, Config config, Map<String, Object> properties) throws IOException {
        String name = instanceName(properties);
        URI url = url(config.url());
        String secret = config.secret();
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException(PID + " " + name + ": secret must be at least 16 characters");
        }
        if (!(config.retry_initial_seconds() > 0) || config.retry_max_seconds() < config.retry_initial_seconds()) {
            throw new IllegalArgumentException(PID + " " + name + ": retry.initial.seconds must be > 0 and <= retry.max.seconds");
        }
        Path dir = config.queue_directory().isBlank()
                ? dataFolder(context.getProperty("siprec.data")).resolve("webhook").resolve(name)
                : Path.of(config.queue_directory());
        DiskQueue queue = new DiskQueue(dir, config.queue_max_events(), config.queue_max_bytes());
        this.delivery = new Delivery(name, url, queue, new Signature(secret.getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(config.timeout_seconds()), seconds(config.retry_initial_seconds()),
                seconds(config.retry_max_seconds()));
        delivery.start();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_DESCRIPTION, "webhook " + name);
        this.stats = context.registerService(StatisticsSource.class, new StatisticsSource() {
            @Override
            public String scope() {
                return "webhook";
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Long> counters() {
                return delivery.counters();
            }
        }, p);
        LOG.info("webhook {}: events to {} (queue {}, {} waiting)", name, shown(url), dir, queue.size());
    }

    @Override
    public void handleEvent(Event event) {
        delivery.enqueue(EventJson.encode(event));
    }

    @Deactivate
    void deactivate() {
        stats.unregister();
        delivery.close();
    }

    /** @return the name after the factory PID: {@code archive} for {@code dev.siprec.webhook-archive.cfg} */
    static String instanceName(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        String n = null;
        if (file != null) {
            String f = file.toString();
            f = f.substring(f.lastIndexOf('/') + 1);
            int dash = f.indexOf('-');
            n = dash >= 0 ? f.substring(dash + 1).replaceFirst("\\.cfg$", "") : null;
        }
        if (n == null) {
            Object pid = properties.get(Constants.SERVICE_PID);
            n = pid == null ? "default" : pid.toString().substring(pid.toString().lastIndexOf('~') + 1);
        }
        return n.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static URI url(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(PID + ": url is required");
        }
        URI u = URI.create(s.strip());
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException(PID + ": url must be an absolute http:// or https:// URL, was " + s);
        }
        return u;
    }

    /** @return the URL without user info and query, which may carry credentials */
    static String shown(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    static Path dataFolder(String frameworkProperty) {
        String p = frameworkProperty;
        if (p == null || p.isBlank()) {
            p = System.getProperty("siprec.data");
        }
        return Path.of(p == null || p.isBlank() ? "data" : p).toAbsolutePath();
    }
}
