package dev.siprec.keys.api;

/**
 * Where a listener's TLS material lives. Either {@code certificate} + {@code privateKey} (PEM) or
 * {@code keystore} (PKCS#12) is set; neither means "generate a self-signed certificate named
 * {@code name}".
 *
 * @param name listener name, used for the generated certificate's file and subject
 * @param certificate PEM certificate chain file, or {@code null}
 * @param privateKey PEM private key file (PKCS#8 or traditional), or {@code null}
 * @param keystore PKCS#12 file, or {@code null}
 * @param keystorePassword its password; never logged
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
