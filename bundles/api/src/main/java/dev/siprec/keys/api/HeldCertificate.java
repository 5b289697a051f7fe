package dev.siprec.keys.api;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One certificate of a {@link CertificateHolder}: the certificate and its role there, such as
 * {@code identity} (presented to new peers) or {@code previous} (replaced by a rotation, still
 * presented on associations answered before it). Never carries a private key.
 *
 * @param role short, lower case, shown as is
 * @param certificate the X.509 certificate
 */
public record HeldCertificate(String role, X509Certificate certificate) {
    public HeldCertificate {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(certificate, "certificate");
    }
}
