package dev.siprec.keys.api;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Loads TLS credentials for listeners and outbound connections (RFC 5630 for SIP over TLS). */
@ProviderType
public interface TlsCredentialService {

    /**
     * Loads the credentials described by {@code spec}; generates and stores a self-signed
     * certificate under the data folder when {@code spec} names none.
     *
     * @throws IOException when a file cannot be read
     * @throws GeneralSecurityException when the material is invalid (wrong password, key does not match certificate, ...)
     */
    TlsCredentials load(TlsCredentialSpec spec) throws IOException, GeneralSecurityException;

    /**
     * @return every credential loaded and not yet closed, for inventories such as {@code siprec:certs}
     *         and expiry checks; a snapshot
     */
    List<TlsCredentials> inUse();
}
