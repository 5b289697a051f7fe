package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The admin channel's credentials, from the same sources {@code dev.siprec.admin.ssh} uses: the user
 * name of its configuration (default {@code admin}) and the secret in {@code <data>/admin/secret},
 * re-read at every check so a rotated secret applies at once. Without a secret file, or with one
 * shorter than {@link #MIN_SECRET_CHARS} characters, nobody is let in: there is no default password.
 */
final class AdminCredentials {
    /** 22 base64 characters carry 132 bits, the admin channel's minimum being 128. */
    static final int MIN_SECRET_CHARS = 22;
    /** Longest Authorization header looked at. */
    static final int MAX_HEADER = 1024;

    private final Path secretFile;
    private final Supplier<String> user;

    AdminCredentials(Path secretFile, Supplier<String> user) {
        this.secretFile = secretFile;
        this.user = user;
    }

    Path secretFile() {
        return secretFile;
    }

    /** @return the user name, if the {@code Authorization: Basic} header (RFC 7617) names the admin user with the secret */
    String check(String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return matches(pair.substring(0, colon), pair.substring(colon + 1)) ? pair.substring(0, colon) : null;
    }

    /** Constant-time comparison of the password with the secret; the user name must be the configured one. */
    boolean matches(String name, String password) {
        byte[] secret;
        try {
            if (!Files.isRegularFile(secretFile)) {
                return false;
            }
            secret = Files.readString(secretFile, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false;
        }
        if (secret.length < MIN_SECRET_CHARS) {
            return false;
        }
        boolean passwordOk = MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8));
        boolean userOk = MessageDigest.isEqual(user.get().getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
        java.util.Arrays.fill(secret, (byte) 0);
        return passwordOk & userOk;
    }
}
