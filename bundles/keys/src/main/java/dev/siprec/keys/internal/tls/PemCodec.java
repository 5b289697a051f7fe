package dev.siprec.keys.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads and writes PEM (RFC 7468): certificate chains and private keys in PKCS#8 (plain or encrypted)
 * or traditional OpenSSL RSA/EC form. Parsing is done by Bouncy Castle PKIX with a provider instance;
 * the resulting keys and certificates are converted to JDK objects so that JSSE uses its own providers.
 */
final class PemCodec {
    /** Largest credential file read; real ones are a few kilobytes. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final Supplier<Provider> bc;

    /** @param bc the Bouncy Castle provider, asked for only when an encrypted or unusual key needs it */
    PemCodec(Supplier<Provider> bc) {
        this.bc = bc;
    }

    static byte[] readBounded(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than the " + MAX_FILE_BYTES + " accepted");
        }
        return Files.readAllBytes(file);
    }

    static boolean looksLikePem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    /** @return every certificate of a PEM file, in file order (a chain: leaf first) */
    List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        return certificates(readBounded(file), file.toString());
    }

    List<X509Certificate> certificates(byte[] pem, String source) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    certs.add(toJdk(holder.getEncoded()));
                }
            }
        } catch (PEMException e) {
            throw new CertificateException(source + ": malformed PEM: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new CertificateException(source + ": no CERTIFICATE block found");
        }
        return certs;
    }

    static X509Certificate toJdk(byte[] der) throws CertificateException {
        try (InputStream in = new ByteArrayInputStream(der)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new CertificateException(e);
        }
    }

    /**
     * Reads the first private key of a PEM file.
     *
     * @param password for an encrypted key, or {@code null}
     */
    PrivateKey privateKey(Path file, char[] password) throws IOException, GeneralSecurityException {
        byte[] data = readBounded(file);
        try (PEMParser parser = new PEMParser(new StringReader(new String(data, StandardCharsets.US_ASCII)))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                PrivateKey key = null;
                if (o instanceof PEMKeyPair pair) {
                    key = plain(pair.getPrivateKeyInfo());
                } else if (o instanceof PrivateKeyInfo info) {
                    key = plain(info);
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    key = converter().getPrivateKey(enc.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc.get())
                                    .build(need(password, file))));
                } else if (o instanceof PEMEncryptedKeyPair enc) {
                    key = converter().getPrivateKey(enc.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(bc.get()).build(need(password, file)))
                            .getPrivateKeyInfo());
                }
                if (key != null) {
                    return toJdk(key);
                }
            }
        } catch (PEMException e) {
            throw new GeneralSecurityException(file + ": cannot read the private key: " + e.getMessage(), e);
        } catch (OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException(file + ": cannot decrypt the private key (wrong password?)", e);
        }
        throw new GeneralSecurityException(file + ": no PRIVATE KEY block found");
    }

    private JcaPEMKeyConverter converter() {
        return new JcaPEMKeyConverter().setProvider(bc.get());
    }

    /**
     * An unencrypted key through the JDK's own key factory when its algorithm is one the JDK reads
     * (EC, RSA, Ed25519, Ed448), else through Bouncy Castle.
     */
    private PrivateKey plain(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jdkAlg = oid.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                : oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : oid.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519"
                : oid.equals(EdECObjectIdentifiers.id_Ed448) ? "Ed448" : null;
        if (jdkAlg == null) {
            return converter().getPrivateKey(info);
        }
        return KeyFactory.getInstance(jdkAlg).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }

    private static char[] need(char[] password, Path file) throws GeneralSecurityException {
        if (password == null || password.length == 0) {
            throw new GeneralSecurityException(file + ": the private key is encrypted; set keystore.password");
        }
        return password;
    }

    /** Re-creates a key through the JDK's own providers. */
    static PrivateKey toJdk(PrivateKey key) throws GeneralSecurityException {
        String alg = key.getAlgorithm();
        String jdkAlg = switch (alg) {
            case "ECDSA", "EC", "ECDH" -> "EC";
            case "RSA" -> "RSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new GeneralSecurityException("unsupported private key type " + alg);
        };
        return KeyFactory.getInstance(jdkAlg).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
