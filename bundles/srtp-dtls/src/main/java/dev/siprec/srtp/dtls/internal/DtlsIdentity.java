package dev.siprec.srtp.dtls.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server's DTLS identity: an ECDSA P-256 key and a self-signed certificate (RFC 5763 §5: the
 * certificate is bound to the session by its fingerprint in SDP, not by a CA). Immutable; rotation
 * makes a new one, and associations keep the identity their answer's fingerprint named.
 */
final class DtlsIdentity {
    private final AsymmetricKeyParameter privateKey;
    private final byte[] der;
    private final Fingerprint sha256;
    private final Instant notAfter;
    private final Instant created;

    private DtlsIdentity(AsymmetricKeyParameter privateKey, byte[] der, Instant created, Instant notAfter) {
        this.privateKey = privateKey;
        this.der = der;
        this.sha256 = Fingerprint.of("sha-256", der);
        this.created = created;
        this.notAfter = notAfter;
    }

    /** Makes a fresh key pair and a certificate valid from an hour ago for {@code validity}. */
    static DtlsIdentity generate(SecureRandom random, Duration validity) {
        X9ECParameters x9 = ECNamedCurveTable.getByName("secp256r1");
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, x9), random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        Instant now = Instant.now();
        Instant notAfter = now.plus(validity);
        X500Name name = new X500Name("CN=siprec-dtls");
        try {
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(notAfter), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(kp.getPublic()));
            AlgorithmIdentifier sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier dig = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
            byte[] der = b.build(new BcECContentSignerBuilder(sig, dig).build(kp.getPrivate())).getEncoded();
            return new DtlsIdentity(kp.getPrivate(), der, now, notAfter);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the DTLS certificate: " + e.getMessage(), e);
        }
    }

    /** @return the SHA-256 fingerprint for {@code a=fingerprint} (RFC 8122 §5). */
    Fingerprint fingerprint() {
        return sha256;
    }

    Instant notAfter() {
        return notAfter;
    }

    Instant created() {
        return created;
    }

    byte[] der() {
        return der.clone();
    }

    /** @return the certificate as a JDK X.509 object, for inventories; a new object on each call */
    java.security.cert.X509Certificate certificate() {
        try {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("the JDK cannot read the DTLS certificate: " + e.getMessage(), e);
        }
    }

    /** @return the credentials Bouncy Castle signs the handshake with, for one connection. */
    TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto) throws IOException {
        TlsCertificate cert = crypto.createCertificate(der);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                new Certificate(new TlsCertificate[] {cert}), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
