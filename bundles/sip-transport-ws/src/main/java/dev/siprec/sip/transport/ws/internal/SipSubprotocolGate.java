package dev.siprec.sip.transport.ws.internal;

import java.util.Locale;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, with {@code 400}, a WebSocket upgrade that does not offer the {@code sip} subprotocol
 * (RFC 7118 §4.1: the client MUST include it, and a server that accepts the connection answers
 * with it); every other request falls through to the upgrade handler, which answers {@code 404}
 * to anything but an upgrade.
 */
final class SipSubprotocolGate extends Handler.Wrapper {
    private final WsListener listener;

    SipSubprotocolGate(WsListener listener, Handler next) {
        super(next);
        this.listener = listener;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields h = request.getHeaders();
        String upgrade = h.get(HttpHeader.UPGRADE);
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && !offersSip(h.getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL))) {
            listener.refusedSubprotocol.increment();
            var remote = Request.getRemoteAddr(request);
            listener.peerLog().warn(java.net.InetAddress.getByName(remote),
                    "{} listener {} refused an upgrade from {}: subprotocol 'sip' not offered (RFC 7118 §4.1)",
                    listener.transport(), listener.name(), remote);
            Response.writeError(request, response, callback, 400, "the WebSocket subprotocol 'sip' is required (RFC 7118)");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** @return whether one of the {@code Sec-WebSocket-Protocol} values lists the token {@code sip} */
    static boolean offersSip(java.util.List<String> values) {
        for (String v : values) {
            for (String token : v.split(",")) {
                if (WsListener.SUBPROTOCOL.equals(token.trim())) {
                    return true;
                }
            }
        }
        return false;
    }
}
