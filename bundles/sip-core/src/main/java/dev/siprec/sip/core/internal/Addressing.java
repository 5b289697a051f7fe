package dev.siprec.sip.core.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.codec.AddressLiteral;
import dev.siprec.sip.codec.SipUri;

/**
 * How the server names itself in Contact and Via (RFC 3261 §8.1.1.8, §18.1.1): the configured
 * {@code advertised.host}, else the listener's address, else — for a wildcard bind — the host the
 * client addressed in the Request-URI.
 */
final class Addressing {

    private Addressing() {
    }

    /** @return the host to write, IPv6 in brackets. */
    static String host(String advertised, SipConnection flow, String requestUri) {
        if (advertised != null && !advertised.isEmpty()) {
            return advertised;
        }
        InetSocketAddress local = flow.local();
        InetAddress a = local == null ? null : local.getAddress();
        if (a != null && !a.isAnyLocalAddress()) {
            return literal(a);
        }
        if (requestUri != null) {
            try {
                String h = SipUri.parse(requestUri).host();
                if (h != null && !h.isEmpty()) {
                    return h;
                }
            } catch (RuntimeException e) {
                // fall through: not a SIP URI
            }
        }
        InetSocketAddress t = flow.transport().localAddress();
        return t.getAddress() == null || t.getAddress().isAnyLocalAddress() ? "127.0.0.1" : literal(t.getAddress());
    }

    /** @return the Contact URI of the server on {@code flow}. */
    static String contact(String host, SipConnection flow) {
        String transport = flow.transport().transport().toLowerCase(java.util.Locale.ROOT);
        if ("wss".equals(transport)) {
            transport = "ws"; // RFC 7118 §5.2: the URI parameter is "ws" for WS and WSS alike
        }
        StringBuilder sb = new StringBuilder("<sip:").append(host).append(':')
                .append(flow.transport().localAddress().getPort());
        if (!"udp".equals(transport)) {
            sb.append(";transport=").append(transport);
        }
        return sb.append('>').toString();
    }

    /** @return an address literal, IPv6 in brackets (RFC 3261 §25.1 IPv6reference), RFC 5952 text. */
    static String literal(InetAddress a) {
        return AddressLiteral.of(a);
    }

    /** RFC 5952 §4.2: the longest run (two or more) of zero groups becomes {@code ::}. */
    static String compress(String full) {
        return AddressLiteral.compress(full);
    }

    /** @return whether the Via sent-by host names the given address (textually, IPv6 normalised). */
    static boolean sameHost(String viaHost, InetAddress address) {
        String h = viaHost;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase(address.getHostAddress())) {
            return true;
        }
        if (h.indexOf(':') >= 0 && address instanceof Inet6Address) {
            try {
                return InetAddress.getByName(h).equals(address); // a literal: no DNS lookup
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
