package dev.siprec.sip.api;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The negotiated parameters of a TLS flow.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param peerCertificates the client chain verified under mutual TLS, leaf first; empty when none was presented
 */
public record TlsDetails(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {
    public TlsDetails {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
