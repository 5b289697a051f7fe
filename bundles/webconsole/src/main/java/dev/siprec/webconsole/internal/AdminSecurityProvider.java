package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Web Console's login: HTTP Basic (RFC 7617) with the admin channel's user and secret
 * ({@code bin/siprec-admin} reads the same secret). The console is configured to require this
 * provider ({@code felix.webconsole.security.providers=siprec}), so it serves nothing until this
 * component is up, and its built-in {@code admin/admin} login is never used.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + AdminSecurityProvider.ID)
public final class AdminSecurityProvider implements SecurityProvider {
    static final String ID = "siprec";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurityProvider.class);

    private final AdminCredentials credentials;

    @Activate
    public AdminSecurityProvider(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        String data = context.getProperty("siprec.data");
        Path secret = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("admin").resolve("secret");
        this.credentials = new AdminCredentials(secret, () -> adminUser(configAdmin));
        LOG.info("web console login: the admin channel's user with the secret in {}", secret);
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
        String user = credentials.check(request.getHeader("Authorization"));
        if (user != null) {
            return user;
        }
        if (request.getHeader("Authorization") != null) {
            LOG.warn("web console login refused from {}", request.getRemoteAddr());
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"SIPREC\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
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
}
