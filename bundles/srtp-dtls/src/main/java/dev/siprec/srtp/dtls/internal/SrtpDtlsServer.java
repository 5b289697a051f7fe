package dev.siprec.srtp.dtls.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 server of one association ({@code a=setup:passive}): ECDSA credentials of the
 * server identity, a certificate request (the client's certificate is checked against
 * {@code a=fingerprint}, RFC 5763 §5), {@code use_srtp} selection (RFC 5764 §4.1.1) and export.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
    private final BcTlsCrypto crypto;
    private final DtlsIdentity identity;
    private final Handshake handshake;

    SrtpDtlsServer(BcTlsCrypto crypto, DtlsIdentity identity, Handshake handshake) {
        super(crypto);
        this.crypto = crypto;
        this.identity = identity;
        this.handshake = handshake;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    /** Only what the ECDSA identity can sign for, AEAD first (the default list also names RSA suites). */
    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256});
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshake.timeoutMillis;
    }

    @Override
    public int getMaxHandshakeMessageSize() {
        return 16 * 1024;
    }

    @Override
    public int getMaxCertificateChainLength() {
        return 4;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return identity.signer(context, crypto);
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        handshake.chooseFromClient(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {handshake.chosen().id}, TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<?> algs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algs, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        handshake.checkPeer(clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        handshake.export(context);
    }
}
