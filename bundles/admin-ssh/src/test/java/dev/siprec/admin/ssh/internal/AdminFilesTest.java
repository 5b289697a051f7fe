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
