package dev.siprec.sip.transport.ws.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

import dev.siprec.sip.api.TlsDetails;

/**
 * Accepts an upgrade with the {@code sip} subprotocol (RFC 7118 §4.1), no extensions (no
 * {@code permessage-deflate}: a compressed message could expand past every limit), and the
 * listener's frame, message and idle limits.
 */
final class SipNegotiator extends WebSocketNegotiator.AbstractNegotiator {
    private final WsListener listener;

    SipNegotiator(WsListener listener) {
        this.listener = listener;
        WsSettings s = listener.settings();
        setMaxFrameSize(s.maxMessageBytes());
        setMaxTextMessageSize(s.maxMessageBytes());
        setMaxBinaryMessageSize(s.maxMessageBytes());
        setIdleTimeout(s.idleTimeout());
        setAutoFragment(false);
        setMaxOutgoingFrames(1024);
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (!request.hasSubProtocol(WsListener.SUBPROTOCOL)) {
            listener.refusedSubprotocol.increment();
            Response.writeError(request, response, callback, 400, "the WebSocket subprotocol 'sip' is required (RFC 7118)");
            return null;
        }
        response.setAcceptedSubProtocol(WsListener.SUBPROTOCOL);
        response.setExtensions(List.of());
        return new WsConnection(listener, tls(request));
    }

    private static Optional<TlsDetails> tls(ServerUpgradeRequest request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl)) {
            return Optional.empty();
        }
        X509Certificate[] peer = ssl.peerCertificates();
        return Optional.of(new TlsDetails(ssl.sslSession().getProtocol(), ssl.cipherSuite(),
                peer == null ? List.of() : List.of(peer)));
    }
}
