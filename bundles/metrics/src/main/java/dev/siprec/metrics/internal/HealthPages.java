package dev.siprec.metrics.internal;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;

/** Renders the {@code /health} page: the verdict on the first line, one line per check after it. */
final class HealthPages {
    private HealthPages() {
    }

    static HttpEndpoint.HealthPage page(HealthService health) {
        if (health == null) {
            return new HttpEndpoint.HealthPage(503, "UNKNOWN health service not available\n");
        }
        boolean healthy = health.healthy();
        StringBuilder sb = new StringBuilder(healthy ? "UP\n" : "DOWN\n");
        for (HealthService.CheckResult r : health.results()) {
            HealthResult res = r.result();
            sb.append(r.name()).append(' ').append(res.status()).append(' ').append(oneLine(res.message())).append('\n');
        }
        return new HttpEndpoint.HealthPage(healthy ? 200 : 503, sb.toString());
    }

    static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && sb.length() < 300; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }
}
