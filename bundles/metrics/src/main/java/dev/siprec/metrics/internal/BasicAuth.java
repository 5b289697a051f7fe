package dev.siprec.metrics.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * HTTP Basic authentication (RFC 7617) against one configured user. The configured and presented
 * credentials are both reduced to SHA-256 digests and compared with {@link MessageDigest#isEqual},
 * so the time taken does not depend on how much of a guess was right, nor on its length.
 */
final class BasicAuth {
    /** Longest {@code Authorization} value considered; longer ones are refused without decoding. */
    static final int MAX_HEADER = 1024;

    private final byte[] expected;

    BasicAuth(String user, String password) {
        if (user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("auth.username and auth.password must both be set, or both be empty to turn authentication off");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("auth.username must not contain ':' (RFC 7617 section 2)");
        }
        this.expected = sha256(user + ":" + password);
    }

    /** @return a checker, or {@code null} when both values are empty (no authentication) */
    static BasicAuth of(String user, String password) {
        return user.isEmpty() && password.isEmpty() ? null : new BasicAuth(user, password);
    }

    boolean allows(String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER) {
            return false;
        }
        String h = authorization.trim();
        if (h.length() < 6 || !h.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(new String(decoded, StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
