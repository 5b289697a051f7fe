package dev.siprec.keys.internal.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Key/certificate consistency and fingerprints. */
final class CertificateChecks {
    private CertificateChecks() {
    }

    /** @throws GeneralSecurityException when {@code key} is not the private half of {@code certificate}'s key */
    static void requireMatch(PrivateKey key, X509Certificate certificate, SecureRandom random)
            throws GeneralSecurityException {
        PublicKey pub = certificate.getPublicKey();
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new GeneralSecurityException("unsupported private key type " + key.getAlgorithm());
        };
        if (!pub.getAlgorithm().equals(key.getAlgorithm())
                && !(pub.getAlgorithm().startsWith("Ed") && key.getAlgorithm().startsWith("Ed"))) {
            throw new GeneralSecurityException("private key (" + key.getAlgorithm()
                    + ") does not match the certificate (" + pub.getAlgorithm() + ")");
        }
        byte[] probe = new byte[32];
        random.nextBytes(probe);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(pub);
        v.update(probe);
        if (!v.verify(sig)) {
            throw new GeneralSecurityException("private key does not match the certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
    }

    /**
     * @return a warning when {@code leaf} is expired, not yet valid or expires within 14 days at
     *         {@code now}; {@code null} otherwise
     */
    static String validityWarning(X509Certificate leaf, java.time.Instant now) {
        java.time.Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return "the certificate " + leaf.getSubjectX500Principal().getName() + " EXPIRED on " + notAfter;
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return "the certificate " + leaf.getSubjectX500Principal().getName() + " is not valid before "
                    + leaf.getNotBefore().toInstant();
        }
        if (now.plus(java.time.Duration.ofDays(14)).isAfter(notAfter)) {
            return "the certificate " + leaf.getSubjectX500Principal().getName() + " expires soon, on " + notAfter;
        }
        return null;
    }

    /** @return SHA-256 of the DER certificate as {@code AA:BB:...} (RFC 8122 §5) */
    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }
}
