package dev.siprec.admin.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminFilesTest {

    @Test
    void secretIsCreatedOnceWithOwnerOnlyPermissions(@TempDir Path data) throws Exception {
        AdminFiles files = new AdminFiles(data.resolve("admin"));
        byte[] first = files.secret();
        assertTrue(first.length >= 40, "256 random bits, base64url");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.resolve(AdminFiles.SECRET))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir())));
        assertArrayEquals(first, new AdminFiles(data.resolve("admin")).secret(), "reused across restarts");
    }

    @Test
    void secretsDifferBetweenInstallations(@TempDir Path a, @TempDir Path b) throws Exception {
        assertFalse(new String(new AdminFiles(a).secret()).equals(new String(new AdminFiles(b).secret())));
    }

    @Test
    void passwordMatchesOnlyTheExactSecret(@TempDir Path data) throws Exception {
        byte[] secret = new AdminFiles(data).secret();
        String s = new String(secret, StandardCharsets.US_ASCII);
        assertTrue(AdminFiles.matches(secret, s));
        assertFalse(AdminFiles.matches(secret, s + "x"));
        assertFalse(AdminFiles.matches(secret, s.substring(1)));
        assertFalse(AdminFiles.matches(secret, ""));
        assertFalse(AdminFiles.matches(secret, null));
    }

    /** Attack (issue 9, item 11): an empty or short data/admin/secret was accepted as the admin password. */
    @Test
    void aSecretUnder128BitsIsRefusedWithTheReason(@TempDir Path data) throws Exception {
        AdminFiles files = new AdminFiles(data);
        for (String weak : new String[] {"", "\n", "admin", "correct horse", "a".repeat(60), "abababababababababababababababababab",
                "0123456789abcdef", "0123456789abcdef0123456789abcde", "Tr0ub4dor&3xyz"}) {
            files.writeOwnerOnly(AdminFiles.SECRET, weak);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    files::strongSecret, "accepted: '" + weak + "'");
            assertTrue(e.getMessage().contains("too weak") && e.getMessage().contains("128"), e.getMessage());
            assertFalse(weak.strip().length() > 5 && e.getMessage().contains(weak.strip()), "the message must not echo the secret");
        }
        files.writeOwnerOnly(AdminFiles.SECRET, "0123456789abcdef0123456789abcdef"); // 128 bits of hex
        assertEquals(32, files.strongSecret().length);
        Files.delete(files.resolve(AdminFiles.SECRET));
        assertTrue(files.strongSecret().length >= 40, "a fresh generated secret passes");
    }

    @Test
    void ownerOnlyFilesAreReplacedAtomically(@TempDir Path data) throws Exception {
        AdminFiles files = new AdminFiles(data);
        files.writeOwnerOnly(AdminFiles.PORT, "8101\n");
        files.writeOwnerOnly(AdminFiles.PORT, "8102\n");
        assertEquals("8102", Files.readString(files.resolve(AdminFiles.PORT)).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.resolve(AdminFiles.PORT))));
        assertFalse(Files.exists(files.resolve(AdminFiles.PORT + ".tmp")));
    }
}
