package dev.siprec.siprec.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipRequest;
import dev.siprec.sip.codec.AddressLiteral;
import dev.siprec.sip.codec.NameAddress;

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
     * the SIP core's, built in one place behind {@link ServerRequest#localContact()}.
     */
    static String contact(ServerRequest sr) {
        return sr.localContact() + ";" + SRS;
    }

    /** @return an address literal, IPv6 in brackets and RFC 5952 form (the SIP codec's one implementation). */
    static String literal(InetAddress a) {
        return AddressLiteral.of(a);
    }

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String NULL_SESSION_ID = "0".repeat(32);

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
        return SESSION_ID.matcher(id).matches() && !id.equals(NULL_SESSION_ID) ? id : null;
    }

    /** @return {@code host:port}, IPv6 in brackets. */
    static String peer(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        return (a.getAddress() == null ? a.getHostString() : literal(a.getAddress())) + ":" + a.getPort();
    }
}
