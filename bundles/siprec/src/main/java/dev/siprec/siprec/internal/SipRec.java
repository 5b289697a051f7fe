package dev.siprec.siprec.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipRequest;
import dev.siprec.sip.codec.NameAddress;
import dev.siprec.sip.codec.SipUri;

/** SIPREC signalling facts (RFC 7866 §6.1): how a recording INVITE is recognised and how the SRS names itself. */
final class SipRec {
    /** Option tag of RFC 7866 §6.1.1. */
    static final String OPTION_TAG = "siprec";
    /** Feature tag a recording client puts in Contact (RFC 7866 §6.1.1). */
    static final String SRC = "+sip.src";
    /** Feature tag the SRS puts in Contact (RFC 7866 §6.1.2). */
    static final String SRS = "+sip.srs";

    private SipRec() {
    }

    /** @return {@code true} when the INVITE requires {@code siprec} or its Contact carries {@code +sip.src}. */
    static boolean isRecordingRequest(SipRequest req) {
        for (String r : req.headers("Require")) {
            if (r.strip().equalsIgnoreCase(OPTION_TAG)) {
                return true;
            }
        }
        for (String c : req.headers("Contact")) {
            try {
                if (NameAddress.parse(c).params().contains(SRC)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                if (hasFlag(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A {@code +sip.src} parameter after the URI (a flag, so a parser may keep it valueless). */
    private static boolean hasFlag(String contact) {
        String c = contact.toLowerCase(Locale.ROOT);
        int gt = c.lastIndexOf('>');
        String params = gt >= 0 ? c.substring(gt + 1) : c;
        for (String p : params.split(";")) {
            String name = p.strip();
            int eq = name.indexOf('=');
            if ((eq < 0 ? name : name.substring(0, eq).strip()).equals(SRC)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The server's Contact for a 2xx (RFC 3261 §8.2.6, §12.1.1) with {@code +sip.srs} (RFC 7866 §6.1.2):
     * the SIP core's advertised host when configured, else the flow's local address, else — for a wildcard bind — the host the client addressed, and
     * {@code transport=} for stream transports.
     */
    static String contact(ServerRequest sr, String advertisedHost) {
        SipConnection flow = sr.connection();
        String transport = flow.transport().transport().toLowerCase(Locale.ROOT);
        InetSocketAddress listener = flow.transport().localAddress();
        InetSocketAddress local = flow.local();
        String host = null;
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            host = advertisedHost.strip();
        } else if (local != null && local.getAddress() != null && !local.getAddress().isAnyLocalAddress()) {
            host = literal(local.getAddress());
        } else {
            try {
                host = SipUri.parse(sr.request().requestUri()).host();
            } catch (RuntimeException e) {
                host = null;
            }
        }
        if (host == null || host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port = local != null && local.getPort() > 0 ? local.getPort() : listener == null ? 5060 : listener.getPort();
        StringBuilder b = new StringBuilder("<sip:")
                .append(host).append(':').append(port);
        if (!"udp".equals(transport)) {
            b.append(";transport=").append(transport);
        }
        return b.append(">;").append(SRS).toString();
    }

    static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        return a instanceof Inet6Address ? "[" + s + "]" : s;
    }

    /**
     * @return the {@code Session-ID} of the request (RFC 7989 §4: 32 hex digits, parameters after
     *         {@code ;}), or {@code null} when absent, the null UUID, or not of that form
     */
    static String sessionId(SipRequest req) {
        String v = req.header("Session-ID");
        if (v == null) {
            return null;
        }
        int semi = v.indexOf(';');
        String id = (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        return id.matches("[0-9a-f]{32}") && !id.equals("0".repeat(32)) ? id : null;
    }

    /** @return {@code host:port}, IPv6 in brackets. */
    static String peer(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        return (a.getAddress() == null ? a.getHostString() : literal(a.getAddress())) + ":" + a.getPort();
    }
}
