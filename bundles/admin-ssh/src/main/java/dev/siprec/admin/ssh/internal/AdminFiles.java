package dev.siprec.admin.ssh.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The admin channel's files under {@code <data>/admin/}: the login secret (created once, readable by
 * the server's user only), the host key, the host key fingerprint and the port actually bound.
 */
final class AdminFiles {
    static final String SECRET = "secret";
    static final String HOST_KEY = "hostkey.ser";
    static final String FINGERPRINT = "hostkey.fingerprint";
    static final String PORT = "port";
    static final String AUTHORIZED_KEYS = "authorized_keys";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    AdminFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        restrict(dir, PosixFilePermissions.fromString("rwx------"));
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Reads the secret, creating a random 256-bit one (owner-only permissions) when absent. */
    byte[] secret() throws IOException {
        Path file = dir.resolve(SECRET);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
            try {
                writeOwnerOnly(file, text);
            } catch (FileAlreadyExistsException raced) {
                // another instance created it first: use theirs
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code text} to a new owner-only file, replacing an existing one atomically. */
    void writeOwnerOnly(String name, String text) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        writeOwnerOnly(tmp, text);
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        FileAttribute<?>[] attrs = posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Files.createFile(file, attrs);
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static void restrict(Path path, Set<PosixFilePermission> perms) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, perms);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The least strength a login secret must have. */
    static final int MIN_SECRET_BITS = 128;

    /**
     * Reads the secret like {@link #secret()}, refusing one weaker than {@link #MIN_SECRET_BITS}.
     *
     * @throws IllegalStateException saying why and what to do, when the secret is empty or too weak
     */
    byte[] strongSecret() throws IOException {
        byte[] secret = secret();
        double bits = estimatedBits(secret);
        if (bits < MIN_SECRET_BITS) {
            throw new IllegalStateException("the admin secret in " + dir.resolve(SECRET) + " is too weak: about "
                    + (int) bits + " bits, at least " + MIN_SECRET_BITS + " are required (" + (secret.length == 0 ? "it is empty"
                    : secret.length + " characters") + "); the admin channel is not started. Delete the file to have a "
                    + "random 256-bit secret generated at the next start, or write at least 22 random base64 characters");
        }
        return secret;
    }

    /**
     * A conservative strength estimate of a text secret: its length times log2 of the alphabet its
     * character classes span (hex digits only: 16; else lower case 26, upper case 26, digits 10, other
     * printable 33, summed). A secret of fewer than 8 distinct characters counts as 0 bits (repetitions
     * such as {@code aaaa...} or {@code abab...}).
     */
    static double estimatedBits(byte[] secret) {
        if (secret.length == 0) {
            return 0;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        boolean hex = true;
        java.util.BitSet distinct = new java.util.BitSet(256);
        for (byte b : secret) {
            int c = b & 0xFF;
            distinct.set(c);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
            hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
        if (distinct.cardinality() < 8) {
            return 0;
        }
        int alphabet = hex ? 16 : (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
        return secret.length * (Math.log(alphabet) / Math.log(2));
    }

    /** Constant-time comparison of a presented password with the secret (no early exit on mismatch). */
    static boolean matches(byte[] secret, String presented) {
        byte[] p = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(secret, p);
    }
}
