package dev.siprec.keys.internal.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;

/** One loaded generation of a listener's TLS material. */
record Material(SSLContext context, List<X509Certificate> chain, String fingerprint,
                CachingTrustManager trustManager) {
    Material {
        chain = List.copyOf(chain);
    }
}
