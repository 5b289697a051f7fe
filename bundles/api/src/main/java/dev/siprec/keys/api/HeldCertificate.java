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
 * @param rotated whether the holder replaces it by itself before it expires (a short-lived
 *        certificate rotated on a period, such as the DTLS-SRTP identity), so that inventories do not
 *        flag its near expiry as something an operator must act on
 */
public record HeldCertificate(String role, X509Certificate certificate, boolean rotated) {
    public HeldCertificate {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** A certificate the holder does not replace by itself. */
    public HeldCertificate(String role, X509Certificate certificate) {
        this(role, certificate, false);
    }
}
