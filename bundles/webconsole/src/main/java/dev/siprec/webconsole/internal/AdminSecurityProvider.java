package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.stats.api.StatisticsSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Web Console's login: HTTP Basic (RFC 7617) with the admin channel's user and secret
 * ({@code bin/siprec-admin} reads the same secret). The console is configured to require this
 * provider ({@code felix.webconsole.security.providers=siprec}), so it serves nothing until this
 * component is up, and its built-in {@code admin/admin} login is never used. Failed logins are
 * throttled per source address ({@link LoginThrottle}, settings {@code login.*} of PID
 * {@code dev.siprec.webconsole}), logged without the password, and counted as statistics
 * {@code webconsole/login} ({@code siprec:stats}, {@code /metrics}).
 */
@Component(service = {SecurityProvider.class, StatisticsSource.class}, configurationPid = "dev.siprec.webconsole",
        property = SecurityProvider.PROPERTY_ID + "=" + AdminSecurityProvider.ID)
public final class AdminSecurityProvider implements SecurityProvider, StatisticsSource {
    static final String ID = "siprec";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurityProvider.class);

    private final AdminCredentials credentials;
    private final LoginThrottle throttle;

    @Activate
    public AdminSecurityProvider(BundleContext context, @Reference ConfigurationAdmin configAdmin, WebConsoleConfig config) {
        String data = context.getProperty("siprec.data");
        Path secret = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("admin").resolve("secret");
        this.credentials = new AdminCredentials(secret, () -> adminUser(configAdmin));
        this.throttle = new LoginThrottle(policy(config), System::nanoTime);
        LOG.info("web console login: the admin channel's user with the secret in {}", secret);
    }

    AdminSecurityProvider(AdminCredentials credentials, LoginThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    /** New throttle settings apply to the next failure; counts so far are kept. */
    @Modified
    void modified(WebConsoleConfig config) {
        throttle.policy(policy(config));
    }

    private static LoginThrottle.Policy policy(WebConsoleConfig config) {
        return new LoginThrottle.Policy(config.login_max_failures(), config.login_lock_seconds(), config.login_lock_max_seconds());
    }

    private static String adminUser(ConfigurationAdmin configAdmin) {
        try {
            Configuration[] c = configAdmin.listConfigurations("(service.pid=dev.siprec.admin.ssh)");
            if (c != null && c.length > 0) {
                Dictionary<String, Object> props = c[0].getProperties();
                Object user = props == null ? null : props.get("user");
                if (user instanceof String s && !s.isBlank()) {
                    return s.strip();
                }
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("admin user not readable from dev.siprec.admin.ssh: {}", e.getMessage());
        }
        return "admin";
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        String address = request.getRemoteAddr();
        if (header == null) {
            return challenge(response);
        }
        long wait = throttle.retryAfter(address);
        if (wait > 0) {
            LOG.debug("web console login from {} refused unchecked: locked out for {} s more", address, wait);
            return tooMany(response, wait);
        }
        String user = credentials.check(header);
        if (user != null) {
            return user;
        }
        long lock = throttle.failed(address);
        if (lock > 0) {
            LOG.warn("web console login refused from {} (failure {}): address locked out for {} s", address, throttle.failures(address), lock);
            return tooMany(response, lock);
        }
        LOG.warn("web console login refused from {} (failure {})", address, throttle.failures(address));
        return challenge(response);
    }

    private static Object challenge(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"SIPREC\", charset=\"UTF-8\"");
        return finish(response, HttpServletResponse.SC_UNAUTHORIZED);
    }

    /** RFC 6585 §4: 429 Too Many Requests, with Retry-After in seconds (RFC 9110 §10.2.3). */
    private static Object tooMany(HttpServletResponse response, long seconds) {
        response.setHeader("Retry-After", String.valueOf(seconds));
        return finish(response, 429);
    }

    private static Object finish(HttpServletResponse response, int status) {
        response.setStatus(status);
        response.setContentLength(0);
        try {
            response.flushBuffer();
        } catch (IOException ignored) {
            // the client went away
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic authentication has no server-side session to end
    }

    @Override
    public String scope() {
        return "webconsole";
    }

    @Override
    public String name() {
        return "login";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("login.failures", throttle.failedTotal());
        m.put("login.refused.locked", throttle.refusedTotal());
        return m;
    }
}
