package dev.siprec.keys.api;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The TLS material of one listener, loaded from PEM or PKCS#12 files (or a generated self-signed
 * certificate) and reloaded when the files change. Obtained from {@link TlsCredentialService}.
 */
@ProviderType
public interface TlsCredentials extends AutoCloseable {

    /** @return an SSLContext presenting the current certificate and trusting the configured trust store; rebuilt after a reload. */
    SSLContext sslContext();

    /** @return the server certificate chain in use, leaf first. */
    List<X509Certificate> certificateChain();

    /** @return SHA-256 fingerprint of the leaf, {@code AA:BB:...} form (RFC 8122 §5). */
    String fingerprint();

    /** @return the name given in the {@link TlsCredentialSpec} (the listener's name), never {@code null}. */
    String name();

    /** @return the certificates this material trusts for peers (the configured trust store), empty when none is configured. */
    List<X509Certificate> trustAnchors();

    /** Stops watching the files. */
    @Override
    void close();
}
