package dev.siprec.sip.codec;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The one writer of IP address literals in SIP text (Contact, Via, logs, session summaries):
 * IPv4 dotted, IPv6 in brackets in its RFC 5952 canonical form (lower case, leading zeros dropped,
 * the longest run of two or more zero groups as {@code ::}).
 */
public final class AddressLiteral {

    private AddressLiteral() {
    }

    /** @return an address literal for URIs and headers, IPv6 in brackets (RFC 3261 §25.1 IPv6reference), zone dropped. */
    public static String of(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        return a instanceof Inet6Address ? "[" + compress(s) + "]" : s;
    }

    /** RFC 5952 §4.2: the longest run (two or more) of zero groups becomes {@code ::}. */
    public static String compress(String full) {
        String[] g = full.split(":");
        if (g.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (Integer.parseInt(g[i], 16) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && Integer.parseInt(g[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(Integer.parseInt(g[i], 16)));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
