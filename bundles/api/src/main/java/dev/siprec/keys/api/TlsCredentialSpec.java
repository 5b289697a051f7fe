package dev.siprec.keys.api;

/**
 * Where a listener's TLS material lives (RFC 5630 §3 for SIP over TLS). Either {@code certificate} +
 * {@code privateKey} (PEM, RFC 7468) or {@code keystore} (PKCS#12, RFC 7292) is set; neither means
 * "generate a self-signed certificate named {@code name}" into the data folder. The files are
 * watched: replacing them takes effect for new connections. {@link #toString()} never shows passwords.
 *
 * @param name listener name, used for the generated certificate's file and subject
 * @param certificate PEM certificate chain file, or {@code null}
 * @param privateKey PEM private key file (PKCS#8 or traditional), or {@code null}
 * @param keystore PKCS#12 file, or {@code null}
 * @param keystorePassword its password, or the passphrase of an encrypted PEM private key; never logged
 * @param truststore PEM bundle or PKCS#12 with the CAs trusted for client and server certificates, or {@code null} for none
 * @param truststorePassword its password for PKCS#12
 */
public record TlsCredentialSpec(String name, String certificate, String privateKey, String keystore,
                                char[] keystorePassword, String truststore, char[] truststorePassword) {

    @Override
    public String toString() {
        return "TlsCredentialSpec[name=" + name + ", certificate=" + certificate + ", privateKey=" + privateKey
                + ", keystore=" + keystore + ", truststore=" + truststore + "]";
    }
}
