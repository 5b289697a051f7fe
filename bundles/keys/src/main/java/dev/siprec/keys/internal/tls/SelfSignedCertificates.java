package dev.siprec.keys.internal.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the self-signed certificate a listener uses when no certificate is configured: EC P-256,
 * SAN {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the host name, stored as a PEM pair under
 * {@code <data>/tls/} and reused while it is valid for at least {@link #RENEW_BEFORE}. Key generation
 * and signing use the JDK's EC provider: Bouncy Castle only builds the certificate's structure, so a
 * first start does not pay for creating the Bouncy Castle provider.
 */
final class SelfSignedCertificates {
    static final Duration RENEW_BEFORE = Duration.ofDays(7);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");

    private final SecureRandom random;
    private final Duration validity;

    SelfSignedCertificates(SecureRandom random, Duration validity) {
        this.random = random;
        this.validity = validity;
    }

    /** @return the certificate and key files of listener {@code name} in {@code dir} */
    static Path[] files(Path dir, String name) {
        String safe = SAFE_NAME.matcher(name).matches() ? name : "listener-" + Integer.toHexString(name.hashCode());
        return new Path[] {dir.resolve(safe + ".crt.pem"), dir.resolve(safe + ".key.pem")};
    }

    /** Generates and writes a new pair; the key file is readable by the owner only where the file system allows. */
    void generate(Path certFile, Path keyFile, String name) throws IOException, GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair kp = kpg.generateKeyPair();
        String host = hostName();
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, host == null ? "localhost" : host)
                .addRDN(BCStyle.O, "SIPREC recording server")
                .addRDN(BCStyle.OU, "self-signed " + name);
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject.build(),
                new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)), subject.build(), kp.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans(host)));
            X509Certificate cert = PemCodec.toJdk(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(kp.getPrivate())).getEncoded());
            Files.createDirectories(certFile.getParent());
            writeAtomically(keyFile, PemCodec.pem("PRIVATE KEY", kp.getPrivate().getEncoded()), true);
            writeAtomically(certFile, PemCodec.pem("CERTIFICATE", cert.getEncoded()), false);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the self-signed certificate", e);
        }
    }

    private static GeneralName[] sans(String host) {
        Set<String> dns = new LinkedHashSet<>();
        dns.add("localhost");
        if (host != null) {
            dns.add(host);
        }
        List<GeneralName> names = new ArrayList<>();
        for (String d : dns) {
            names.add(new GeneralName(GeneralName.dNSName, d));
        }
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return names.toArray(new GeneralName[0]);
    }

    /** @return this machine's host name when it is a valid DNS name, else {@code null} */
    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return null;
            }
        }
        h = h.trim().toLowerCase(java.util.Locale.ROOT);
        return DNS_NAME.matcher(h).matches() && h.length() <= 253 && !h.equals("localhost") ? h : null;
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
