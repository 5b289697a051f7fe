package dev.siprec.keys.internal.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * One loaded generation of a listener's TLS material.
 *
 * @param trustAnchors the configured trust store's certificates; empty when the JDK defaults apply
 */
record Material(SSLContext context, List<X509Certificate> chain, String fingerprint,
                CachingTrustManager trustManager, List<X509Certificate> trustAnchors) {
    Material {
        chain = List.copyOf(chain);
        trustAnchors = List.copyOf(trustAnchors);
    }
}
