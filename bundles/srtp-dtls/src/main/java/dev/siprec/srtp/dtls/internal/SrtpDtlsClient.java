package dev.siprec.srtp.dtls.internal;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 client of one association ({@code a=setup:active}, when the offer says
 * {@code passive}): offers the {@code use_srtp} profiles (RFC 5764 §4.1.1), checks the server
 * certificate against {@code a=fingerprint} (RFC 5763 §5), presents the server identity when asked.
 */
final class SrtpDtlsClient extends DefaultTlsClient {
    private final BcTlsCrypto crypto;
    private final DtlsIdentity identity;
    private final Handshake handshake;

    SrtpDtlsClient(BcTlsCrypto crypto, DtlsIdentity identity, Handshake handshake) {
        super(crypto);
        this.crypto = crypto;
        this.identity = identity;
        this.handshake = handshake;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(SrtpProfile.ids(handshake.profiles), TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        handshake.acceptFromServer(TlsSRTPUtils.getUseSRTPExtension(serverExtensions));
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                handshake.checkPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return identity.signer(context, crypto);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        handshake.export(context);
    }
}
