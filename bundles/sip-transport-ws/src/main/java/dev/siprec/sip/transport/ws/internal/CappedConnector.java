package dev.siprec.sip.transport.ws.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import dev.siprec.sip.transport.stream.ConnectionCaps;

/**
 * Jetty's server connector with the transport library's caps: total and per source (an IPv4 address
 * or an IPv6 /64), checked as each TCP connection is accepted; over a cap the connection is closed
 * at once, counted and logged once per peer and interval.
 */
final class CappedConnector extends ServerConnector {
    private final WsListener listener;
    private final ConnectionCaps caps;
    private final Map<EndPoint, InetAddress> held = new ConcurrentHashMap<>();

    CappedConnector(Server server, WsListener listener, ConnectionFactory... factories) {
        super(server, 1, 1, factories);
        this.listener = listener;
        this.caps = new ConnectionCaps(listener.settings().maxConnections(), listener.settings().maxConnectionsPerIp());
    }

    ConnectionCaps caps() {
        return caps;
    }

    @Override
    protected void onEndPointOpened(EndPoint endPoint) {
        SocketAddress sa = endPoint.getRemoteSocketAddress();
        InetAddress ip = sa instanceof InetSocketAddress isa ? isa.getAddress() : null;
        ConnectionCaps.Verdict v = ip == null ? ConnectionCaps.Verdict.OVER_PER_IP : caps.tryAcquire(ip);
        if (v != ConnectionCaps.Verdict.ACCEPTED) {
            boolean total = v == ConnectionCaps.Verdict.OVER_TOTAL;
            (total ? listener.refusedTotal : listener.refusedPerIp).increment();
            if (ip != null) {
                listener.peerLog().warn(ip, "{} listener {} refused {}: {}", listener.transport(), listener.name(), sa,
                        total ? "max.connections " + listener.settings().maxConnections()
                                : "max.connections.per.ip " + listener.settings().maxConnectionsPerIp());
            }
            endPoint.close();
            return;
        }
        held.put(endPoint, ip);
        listener.accepted.increment();
        listener.handshakeDeadline(endPoint);
        super.onEndPointOpened(endPoint);
    }

    @Override
    protected void onEndPointClosed(EndPoint endPoint) {
        InetAddress ip = held.remove(endPoint);
        if (ip != null) {
            caps.release(ip);
            super.onEndPointClosed(endPoint);
        }
    }
}
