package dev.siprec.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made with Bouncy Castle: CAs, server and client certificates, PEM and PKCS#12 files. */
public final class TestPki {
    public final BouncyCastleProvider bc = new BouncyCastleProvider();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    public record Issued(X509Certificate cert, KeyPair keys, List<X509Certificate> chain) {
    }

    public KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    public KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, random);
        return g.generateKeyPair();
    }

    public Issued ca(String cn) throws Exception {
        KeyPair kp = ecKeys();
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial.incrementAndGet()),
                Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(3650))),
                name, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate c = sign(b, kp.getPrivate());
        return new Issued(c, kp, List.of(c));
    }

    public Issued leaf(Issued ca, String cn, KeyPair kp, Instant notBefore, Instant notAfter, List<String> dns, List<String> ips)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(serial.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=" + cn), kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        ips.forEach(i -> names.add(new GeneralName(GeneralName.iPAddress, i)));
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        }
        X509Certificate c = sign(b, ca.keys().getPrivate());
        return new Issued(c, kp, List.of(c, ca.cert()));
    }

    public Issued leaf(Issued ca, String cn, List<String> dns, List<String> ips) throws Exception {
        return leaf(ca, cn, ecKeys(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30)),
                dns, ips);
    }

    public Issued expiredLeaf(Issued ca, String cn) throws Exception {
        return leaf(ca, cn, ecKeys(), Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)),
                List.of(), List.of());
    }

    private X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(key)).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    public static Path writeCerts(Path file, List<X509Certificate> certs) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (X509Certificate c : certs) {
                pem.writeObject(c);
            }
        }
        Files.writeString(file, w.toString());
        return file;
    }

    /** PKCS#8 "PRIVATE KEY". */
    public static Path writePkcs8(Path file, PrivateKey key) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        Files.writeString(file, w.toString());
        return file;
    }

    /** Traditional OpenSSL form, as {@code openssl ec} / {@code openssl rsa -traditional} write it. */
    public static Path writeTraditional(Path file, KeyPair keys) throws IOException {
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        String type;
        byte[] der;
        if (keys.getPrivate().getAlgorithm().equals("EC")) {
            org.bouncycastle.asn1.sec.ECPrivateKey inner =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            var pub = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
                    .getPublicKeyData();
            der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), pub,
                    info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
            type = "EC PRIVATE KEY";
        } else {
            der = info.parsePrivateKey().toASN1Primitive().getEncoded();
            type = "RSA PRIVATE KEY";
        }
        StringWriter w = new StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter pem = new org.bouncycastle.util.io.pem.PemWriter(w)) {
            pem.writeObject(new org.bouncycastle.util.io.pem.PemObject(type, der));
        }
        Files.writeString(file, w.toString());
        return file;
    }

    /** Encrypted PKCS#8 "ENCRYPTED PRIVATE KEY". */
    public Path writeEncryptedPkcs8(Path file, PrivateKey key, char[] password) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(bc).setPasssword(password).build()));
        }
        Files.writeString(file, w.toString());
        return file;
    }

    public static Path writePkcs12(Path file, char[] password, PrivateKey key, List<X509Certificate> chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", key, password, chain.toArray(new X509Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return file;
    }

    public static Path writeTrustPkcs12(Path file, char[] password, X509Certificate... cas) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < cas.length; i++) {
            ks.setCertificateEntry("ca" + i, cas[i]);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return file;
    }
}
