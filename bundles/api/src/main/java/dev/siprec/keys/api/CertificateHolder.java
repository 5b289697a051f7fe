package dev.siprec.keys.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Certificates a bundle holds outside {@link TlsCredentialService}, such as the self-signed identity
 * of the DTLS-SRTP key exchange (RFC 5763 §5: bound to a session by its fingerprint in SDP, not by a
 * CA). Registered as a whiteboard service so that inventories ({@code siprec:certs}) and expiry
 * checks list them beside the TLS listeners' credentials; the holder decides which ones are in use.
 */
@ConsumerType
public interface CertificateHolder {

    /** @return who holds the certificates, as inventories show it (e.g. {@code dtls}); never {@code null} */
    String owner();

    /** @return the certificates in use, the one presented to new peers first; a snapshot, never {@code null} */
    List<HeldCertificate> certificates();
}
