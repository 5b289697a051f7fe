package dev.siprec.metrics.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The HTTP side: {@code GET /metrics} (Prometheus text format 0.0.4, written by the Prometheus
 * client's writer) and {@code GET /health} (200 when healthy, 503 when not), on the Jetty 12 core
 * server the runtime already ships. Requests are bounded by Jetty's limits (8 KiB of headers, an
 * idle timeout, a small thread pool); bodies are never read.
 */
final class HttpEndpoint implements AutoCloseable {
    /** The health page: a status code and a plain-text body. */
    record HealthPage(int status, String body) {
    }

    private final PrometheusRegistry registry;
    private final BasicAuth auth;
    private final Supplier<HealthPage> health;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private Server server;
    private ServerConnector connector;

    HttpEndpoint(PrometheusRegistry registry, BasicAuth auth, Supplier<HealthPage> health) {
        this.registry = registry;
        this.auth = auth;
        this.health = health;
    }

    /** Binds and starts; throws with the address in the message when the port cannot be bound. */
    synchronized void start(String host, int port, int idleTimeoutMs) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(6, 2);
        pool.setName("siprec-metrics-http");
        pool.setReservedThreads(0);
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8192);
        http.setResponseHeaderSize(8192);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeoutMs);
        connector.setAcceptQueueSize(32);
        server.addConnector(connector);
        server.setHandler(new Endpoints());
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot bind the metrics endpoint to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    synchronized InetSocketAddress localAddress() {
        return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), connector.getLocalPort());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // stopping a half-started server: nothing more to release
            }
            server = null;
        }
    }

    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toByteArray();
    }

    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                return send(response, callback, 405, "method not allowed\n", false);
            }
            if (auth != null && !auth.allows(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"siprec\", charset=\"UTF-8\"");
                return send(response, callback, 401, "authentication required\n", head);
            }
            String path = request.getHttpURI().getPath();
            if ("/metrics".equals(path)) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, writer.getContentType());
                return send(response, callback, 200, scrape(), head);
            }
            if ("/health".equals(path)) {
                HealthPage page = health.get();
                return send(response, callback, page.status(), page.body(), head);
            }
            return send(response, callback, 404, "not found: try /metrics or /health\n", head);
        }

        private boolean send(Response response, Callback callback, int status, String text, boolean head) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            return send(response, callback, status, text.getBytes(StandardCharsets.UTF_8), head);
        }

        private boolean send(Response response, Callback callback, int status, byte[] body, boolean head) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
