package dev.siprec.keys.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.siprec.keys.api.TlsCredentialSpec;

/**
 * Builds an {@link SSLContext} from a {@link TlsCredentialSpec}: the own chain and key from PEM or
 * PKCS#12, trust anchors from a PEM bundle or PKCS#12 (the JDK's default anchors when none is
 * configured), validation through the JDK PKIX trust manager behind a {@link CachingTrustManager}.
 */
final class MaterialLoader {
    private static final String MEMORY_KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    private final PemCodec pem;
    private final SecureRandom random;

    MaterialLoader(PemCodec pem, SecureRandom random) {
        this.pem = pem;
        this.random = random;
    }

    /** Loads the own identity from PEM files. */
    Material fromPem(Path certificate, Path privateKey, char[] keyPassword, TlsCredentialSpec spec)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = pem.certificates(certificate);
        PrivateKey key = pem.privateKey(privateKey, keyPassword);
        return build(chain, key, spec);
    }

    /** Loads the own identity from a PKCS#12 file: its first private-key entry. */
    Material fromPkcs12(Path keystore, char[] password, TlsCredentialSpec spec)
            throws IOException, GeneralSecurityException {
        KeyStore ks = loadPkcs12(keystore, password);
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) ks.getKey(alias, password == null ? new char[0] : password);
                Certificate[] certs = ks.getCertificateChain(alias);
                if (key == null || certs == null || certs.length == 0) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : certs) {
                    chain.add((X509Certificate) c);
                }
                return build(chain, key, spec);
            }
        }
        throw new KeyStoreException(keystore + ": no private key entry with a certificate chain");
    }

    private static KeyStore loadPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        byte[] data = PemCodec.readBounded(file);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(new ByteArrayInputStream(data), password == null ? new char[0] : password);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new GeneralSecurityException(file + ": wrong password", e);
            }
            throw new IOException(file + ": not a readable PKCS#12 file: " + e.getMessage(), e);
        }
        return ks;
    }

    Material build(List<X509Certificate> chain, PrivateKey key, TlsCredentialSpec spec)
            throws IOException, GeneralSecurityException {
        X509Certificate leaf = chain.get(0);
        CertificateChecks.requireMatch(key, leaf, random);
        char[] memoryPassword = new char[0];
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        // This keystore lives in memory only, under an empty password: key stretching protects
        // nothing here. With the default 10,000 PBKDF2 rounds, storing the key and every TLS
        // handshake (the PKIX key manager reads the key from the keystore each time) cost tens of
        // milliseconds of CPU; one round keeps the same entry format at no cost.
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        identity.setEntry("identity", new KeyStore.PrivateKeyEntry(key, chain.toArray(new X509Certificate[0])),
                new KeyStore.PasswordProtection(memoryPassword, MEMORY_KEY_PROTECTION,
                        new PBEParameterSpec(salt, 1)));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(identity, memoryPassword);

        KeyStore trustStore = trustStore(spec);
        // without a trust store of its own: the JDK's, loaded when first needed (DefaultPkixTrust)
        X509ExtendedTrustManager pkix = trustStore == null ? new DefaultPkixTrust() : DefaultPkixTrust.pkix(trustStore);
        CachingTrustManager trust = new CachingTrustManager(pkix, System::currentTimeMillis);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {trust}, random);
        List<X509Certificate> anchors = new ArrayList<>();
        if (trustStore != null) {
            for (String alias : java.util.Collections.list(trustStore.aliases())) {
                if (trustStore.getCertificate(alias) instanceof X509Certificate c) {
                    anchors.add(c);
                }
            }
        }
        return new Material(ctx, chain, CertificateChecks.fingerprint(leaf), trust, anchors);
    }

    /** @return the configured trust anchors, or {@code null} for the JDK defaults */
    private KeyStore trustStore(TlsCredentialSpec spec) throws IOException, GeneralSecurityException {
        if (spec.truststore() == null || spec.truststore().isBlank()) {
            return null;
        }
        Path file = Path.of(spec.truststore());
        byte[] data = PemCodec.readBounded(file);
        if (!PemCodec.looksLikePem(data)) {
            return loadPkcs12(file, spec.truststorePassword());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : pem.certificates(data, file.toString())) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }
}
