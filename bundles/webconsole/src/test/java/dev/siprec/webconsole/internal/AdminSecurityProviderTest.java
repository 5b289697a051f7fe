package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class AdminSecurityProviderTest {
    private static final String SECRET = "Qm9vdHN0cmFwU2VjcmV0LTIwMjYtMTItMDM";

    /** What a response was told: status and headers. */
    private static final class Answer {
        int status;
        final Map<String, String> headers = new HashMap<>();
    }

    private static HttpServletRequest request(String address, String user, String password) {
        String header = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return (HttpServletRequest) Proxy.newProxyInstance(AdminSecurityProviderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) a[0]) ? header : null;
                    case "getRemoteAddr" -> address;
                    default -> null;
                });
    }

    private static HttpServletResponse response(Answer answer) {
        return (HttpServletResponse) Proxy.newProxyInstance(AdminSecurityProviderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.status = (Integer) a[0];
                        case "setHeader" -> answer.headers.put((String) a[0], (String) a[1]);
                        default -> {
                            // content length, flush: nothing to record
                        }
                    }
                    return null;
                });
    }

    @Test
    void failuresPerAddressEndIn429WithRetryAfterAndTheSecretIsNotEvenTriedWhileLocked(@TempDir Path tmp) throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Policy(2, 30, 900), System::nanoTime);
        AdminSecurityProvider provider = new AdminSecurityProvider(new AdminCredentials(secret, () -> "admin"), throttle);

        Answer none = new Answer();
        assertNull(provider.authenticate(request("192.0.2.1", null, null), response(none)));
        assertEquals(401, none.status);
        assertEquals(0, throttle.failedTotal(), "a request without credentials is no failed login");

        for (int i = 0; i < 2; i++) {
            Answer a = new Answer();
            assertNull(provider.authenticate(request("192.0.2.1", "admin", "guess" + i), response(a)));
            assertEquals(401, a.status);
            assertEquals("Basic realm=\"SIPREC\", charset=\"UTF-8\"", a.headers.get("WWW-Authenticate"));
        }
        Answer locked = new Answer();
        assertNull(provider.authenticate(request("192.0.2.1", "admin", "guess2"), response(locked)));
        assertEquals(429, locked.status);
        assertEquals("30", locked.headers.get("Retry-After"));

        Answer right = new Answer();
        assertNull(provider.authenticate(request("192.0.2.1", "admin", SECRET), response(right)), "locked: even the secret waits");
        assertEquals(429, right.status);
        assertEquals(Map.of("login.failures", 3L, "login.refused.locked", 1L), provider.counters());

        assertEquals("admin", provider.authenticate(request("192.0.2.2", "admin", SECRET), response(new Answer())), "another address logs in");
        provider.authenticate(request("192.0.2.2", "admin", "guess"), response(new Answer()));
        assertEquals("admin", provider.authenticate(request("192.0.2.2", "admin", SECRET), response(new Answer())));
        provider.authenticate(request("192.0.2.2", "admin", "guess"), response(new Answer()));
        assertEquals("admin", provider.authenticate(request("192.0.2.2", "admin", SECRET), response(new Answer())));
        Answer stillCounted = new Answer();
        provider.authenticate(request("192.0.2.2", "admin", "guess"), response(stillCounted));
        assertEquals(429, stillCounted.status, "a success in between does not reset the count (a browser refreshing would give fresh tries)");
    }
}
