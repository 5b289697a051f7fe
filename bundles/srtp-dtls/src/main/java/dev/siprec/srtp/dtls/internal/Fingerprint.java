package dev.siprec.srtp.dtls.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A certificate fingerprint as in {@code a=fingerprint} (RFC 8122 §5): hash function token and the
 * upper-case, colon-separated hash of the DER certificate. Only SHA-256 and stronger are accepted.
 */
record Fingerprint(String algorithm, byte[] value) {
    /** Accepted hash function tokens, strongest first (RFC 8122 §5, IANA "Hash Function Textual Names"). */
    static final List<String> ACCEPTED = List.of("sha-512", "sha-384", "sha-256");
    private static final int MAX_TEXT = 200;

    Fingerprint {
        value = value.clone();
    }

    /** @return the fingerprint of a DER certificate with {@code algorithm} (an {@link #ACCEPTED} token). */
    static Fingerprint of(String algorithm, byte[] der) {
        try {
            return new Fingerprint(algorithm, MessageDigest.getInstance(jca(algorithm)).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /**
     * Parses one {@code a=fingerprint} value; empty when the syntax is wrong or the hash function is
     * not {@link #ACCEPTED} (the caller names which).
     */
    static Optional<Fingerprint> parse(String text) {
        if (text == null || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        String t = text.trim();
        int sp = t.indexOf(' ');
        if (sp < 0) {
            return Optional.empty();
        }
        String alg = t.substring(0, sp).toLowerCase(Locale.ROOT);
        if (!ACCEPTED.contains(alg)) {
            return Optional.empty();
        }
        String[] parts = t.substring(sp + 1).trim().split(":", -1);
        int expected = switch (alg) {
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            default -> 64;
        };
        if (parts.length != expected) {
            return Optional.empty();
        }
        byte[] v = new byte[expected];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].length() != 2) {
                return Optional.empty();
            }
            int hi = Character.digit(parts[i].charAt(0), 16);
            int lo = Character.digit(parts[i].charAt(1), 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            v[i] = (byte) (hi << 4 | lo);
        }
        return Optional.of(new Fingerprint(alg, v));
    }

    static String hashToken(String text) {
        String t = text == null ? "" : text.trim();
        int sp = t.indexOf(' ');
        return (sp < 0 ? t : t.substring(0, sp)).toLowerCase(Locale.ROOT);
    }

    boolean matches(byte[] der) {
        return MessageDigest.isEqual(value, of(algorithm, der).value);
    }

    /** @return the SDP form, {@code sha-256 AB:CD:...}. */
    String format() {
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(value);
        return algorithm + " " + hex;
    }

    private static String jca(String token) {
        return switch (token) {
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("hash function not accepted: " + token);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.algorithm.equals(algorithm) && MessageDigest.isEqual(f.value, value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return format();
    }
}
