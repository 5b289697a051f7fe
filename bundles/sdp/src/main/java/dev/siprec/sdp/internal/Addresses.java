package dev.siprec.sdp.internal;

/**
 * Syntax checks for the addresses SDP carries (RFC 8866 §5.7, §9 grammar: {@code IP4-address},
 * {@code IP6-address}, {@code FQDN}); no name resolution.
 */
final class Addresses {
    private Addresses() {
    }

    /** @return {@code true} for a dotted-quad IPv4 literal. */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !allDigits(p) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code true} for an IPv6 literal (RFC 4291 §2.2, with {@code ::} and an embedded IPv4 tail). */
    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int groups = 0;
        String[] all = dbl >= 0 ? concat(split(head), split(tail)) : split(head);
        if (all == null) {
            return false;
        }
        for (int i = 0; i < all.length; i++) {
            String g = all[i];
            boolean last = i == all.length - 1 && (dbl < 0 || !tail.isEmpty());
            if (last && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return false;
                }
                groups += 2;
            } else if (g.isEmpty() || g.length() > 4 || !allHex(g)) {
                return false;
            } else {
                groups++;
            }
        }
        return dbl >= 0 ? groups <= 7 : groups == 8;
    }

    /** @return {@code true} for a host name of letters, digits and hyphens (RFC 1123 §2.1), not all-numeric. */
    static boolean isHostName(String s) {
        String h = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        boolean letter = false;
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (Character.isLetter(c) && c < 128) {
                    letter = true;
                } else if (!(c >= '0' && c <= '9') && c != '-') {
                    return false;
                }
            }
        }
        return letter;
    }

    /** @return {@code true} when {@code address} suits {@code type} ({@code IP4} or {@code IP6}): a literal of that family or a host name. */
    static boolean fits(String type, String address) {
        if ("IP4".equals(type)) {
            return isIpv4(address) || isHostName(address);
        }
        if ("IP6".equals(type)) {
            return isIpv6(address) || isHostName(address);
        }
        return false;
    }

    private static String[] split(String part) {
        if (part.isEmpty()) {
            return new String[0];
        }
        String[] g = part.split(":", -1);
        for (String x : g) {
            if (x.isEmpty()) {
                return null;
            }
        }
        return g;
    }

    private static String[] concat(String[] a, String[] b) {
        if (a == null || b == null) {
            return null;
        }
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }
}
