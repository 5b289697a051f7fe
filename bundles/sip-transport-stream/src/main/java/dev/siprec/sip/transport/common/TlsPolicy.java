package dev.siprec.sip.transport.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * The protocol versions, cipher suites and client authentication of a TLS listener, validated:
 * TLS 1.2 is the minimum (RFC 8996 deprecates 1.0 and 1.1), suites without forward secrecy or
 * without an AEAD cipher are refused (RFC 9325 §4.2), unknown names are reported. Shared by the TLS and
 * WSS transports.
 */
public record TlsPolicy(String[] protocols, String[] cipherSuites, ClientAuth clientAuth) {

    /** Client certificate policy (mutual TLS). */
    public enum ClientAuth {
        /** No certificate requested. */
        NONE,
        /** Requested; a client without one is accepted, a client with an invalid one is refused. */
        WANT,
        /** Required: a client without a valid certificate is refused in the handshake. */
        NEED;

        public static ClientAuth parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("client.auth must be none, want or need, got " + s);
            }
        }
    }

    public static final String[] DEFAULT_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    public static final String[] DEFAULT_CIPHER_SUITES = {
        "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    /**
     * @throws IllegalArgumentException naming the offending configuration value
     */
    public static TlsPolicy of(String[] protocols, String[] suites, String clientAuth) {
        String[] p = clean(protocols, DEFAULT_PROTOCOLS);
        for (String proto : p) {
            if (!ALLOWED_PROTOCOLS.contains(proto)) {
                throw new IllegalArgumentException("protocols: " + proto
                        + " is not allowed; use TLSv1.3 and/or TLSv1.2 (TLS 1.2 is the minimum)");
            }
        }
        String[] c = clean(suites, DEFAULT_CIPHER_SUITES);
        Set<String> supported = supportedCipherSuites();
        List<String> unknown = new ArrayList<>();
        for (String suite : c) {
            if (!supported.contains(suite)) {
                unknown.add(suite);
            } else if (!strong(suite)) {
                throw new IllegalArgumentException("cipher.suites: " + suite
                        + " is weak (needs ECDHE/DHE key exchange and an AEAD cipher, or a TLS 1.3 suite)");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("cipher.suites: not supported by this Java runtime: " + unknown);
        }
        boolean has13 = Arrays.stream(c).anyMatch(TlsPolicy::tls13Suite);
        boolean has12 = Arrays.stream(c).anyMatch(s -> !tls13Suite(s));
        for (String proto : p) {
            if (proto.equals("TLSv1.3") && !has13 || proto.equals("TLSv1.2") && !has12) {
                throw new IllegalArgumentException("cipher.suites: no suite usable with " + proto);
            }
        }
        return new TlsPolicy(p, c, ClientAuth.parse(clientAuth == null ? "none" : clientAuth));
    }

    /**
     * The cipher suites of this Java runtime's TLS implementation, from a context of its own without
     * key or trust material: the same list as the default context's, without the default context's
     * loading of the JDK trust store ({@code cacerts}, ~150 certificates parsed) and key store, which
     * cost a noticeable part of a start on the thread that activates the listeners.
     */
    static Set<String> supportedCipherSuites() {
        try {
            SSLContext probe = SSLContext.getInstance("TLS");
            probe.init(new KeyManager[0], new TrustManager[0], null);
            return Set.of(probe.createSSLEngine().getSupportedCipherSuites());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation", e);
        }
    }

    public static boolean tls13Suite(String s) {
        return s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_");
    }

    private static boolean strong(String s) {
        if (tls13Suite(s)) {
            return true;
        }
        boolean fs = s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_");
        boolean aead = s.contains("_GCM_") || s.contains("_CHACHA20_POLY1305_") || s.contains("_CCM");
        boolean broken = s.contains("_anon_") || s.contains("NULL") || s.contains("EXPORT") || s.contains("RC4")
                || s.contains("_DES_") || s.contains("3DES");
        return fs && aead && !broken;
    }

    private static String[] clean(String[] values, String[] defaults) {
        if (values == null || values.length == 0) {
            return defaults.clone();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out.isEmpty() ? defaults.clone() : out.toArray(new String[0]);
    }

    /** Applies the policy to a new engine. */
    public void apply(SSLEngine engine, boolean server) {
        var params = engine.getSSLParameters();
        params.setProtocols(protocols);
        params.setCipherSuites(cipherSuites);
        params.setUseCipherSuitesOrder(true);
        if (server) {
            params.setNeedClientAuth(clientAuth == ClientAuth.NEED);
            if (clientAuth == ClientAuth.WANT) {
                params.setWantClientAuth(true);
            }
        }
        engine.setSSLParameters(params);
    }
}
