package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {
    private static final String SECRET = "Qm9vdHN0cmFwU2VjcmV0LTIwMjYtMTItMDM";

    @TempDir
    Path tmp;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAdminUserWithTheSecretIsLetIn() throws Exception {
        Path file = tmp.resolve("secret");
        Files.writeString(file, SECRET + "\n");
        AdminCredentials c = new AdminCredentials(file, () -> "admin");
        assertEquals("admin", c.check(basic("admin", SECRET)));
        assertNull(c.check(basic("admin", SECRET + "x")));
        assertNull(c.check(basic("root", SECRET)));
        assertNull(c.check(basic("admin", "admin")));
        assertNull(c.check(null));
        assertNull(c.check("Bearer " + SECRET));
        assertNull(c.check("Basic !!!"));
        assertNull(c.check("Basic " + "A".repeat(2000)));
    }

    @Test
    void noSecretFileOrAWeakOneLetsNobodyIn() throws Exception {
        Path file = tmp.resolve("secret");
        AdminCredentials c = new AdminCredentials(file, () -> "admin");
        assertNull(c.check(basic("admin", "")));
        Files.writeString(file, "short\n");
        assertNull(c.check(basic("admin", "short")));
        Files.writeString(file, "\n");
        assertNull(c.check(basic("admin", "")));
    }
}
