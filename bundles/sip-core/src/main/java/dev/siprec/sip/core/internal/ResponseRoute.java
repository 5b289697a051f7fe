package dev.siprec.sip.core.internal;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.codec.SipSyntaxException;
import dev.siprec.sip.codec.Via;

/**
 * Where responses to a request go (RFC 3261 §18.2.2, RFC 3581 §4): over the connection the request
 * came on for reliable transports; for UDP to the source address and port when the client asked for
 * {@code rport}, otherwise to the source address and the sent-by port (default 5060).
 */
final class ResponseRoute {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseRoute.class);

    private ResponseRoute() {
    }

    static SipConnection flowFor(String topVia, SipConnection arrival) {
        if (arrival.transport().reliable() || topVia == null) {
            return arrival;
        }
        Via via;
        try {
            via = Via.parse(topVia);
        } catch (SipSyntaxException e) {
            return arrival;
        }
        if (via.hasRport()) {
            return arrival;
        }
        int port = via.port() > 0 ? via.port() : 5060;
        if (port == arrival.remote().getPort()) {
            return arrival;
        }
        InetSocketAddress dest = new InetSocketAddress(arrival.remote().getAddress(), port);
        try {
            return arrival.transport().connection(dest).orElse(arrival);
        } catch (RuntimeException e) {
            LOG.debug("no flow to {}: {}", dest, e.toString());
            return arrival;
        }
    }
}
