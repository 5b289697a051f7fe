package dev.siprec.siprec.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3), e.g. {@code 10.0.0.0/8}
 * or {@code 2001:db8::/32}; a bare address is a single host. IPv4-mapped IPv6 sources match IPv4
 * networks. Only literals are accepted: no name is ever resolved.
 */
record Cidr(byte[] network, int prefix, String text) {

    /** @throws IllegalArgumentException when {@code value} is not an address literal with a valid prefix */
    static Cidr parse(String value) {
        String v = value.strip();
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        byte[] bytes = literal(addr, value);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowed.sources: bad prefix length in '" + value + "'");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("allowed.sources: prefix length must be 0.." + max + " in '" + value + "'");
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, v);
    }

    private static byte[] literal(String addr, String value) {
        InetAddress a = address(addr);
        if (a == null) {
            throw new IllegalArgumentException("allowed.sources: not an IPv4 or IPv6 literal: '" + value + "'");
        }
        return a.getAddress();
    }

    /**
     * @return the address written as an IPv4 (dotted quad, each part 0..255) or IPv6 literal, or
     *         {@code null} for anything else; never resolves a name
     */
    static InetAddress address(String text) {
        if (text == null) {
            return null;
        }
        byte[] quad = dottedQuad(text);
        if (quad != null) {
            try {
                return InetAddress.getByAddress(quad); // the same address a literal parses to, without a regex or the parser
            } catch (UnknownHostException e) {
                return null; // not reached: four bytes are always an address
            }
        }
        if (IPV4_SHAPE.matcher(text).matches()) { // a quad with leading zeros or a part above 255: as before
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        } else if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static final Pattern IPV4_SHAPE = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * The per-call path (every SDP connection address): a dotted quad in its canonical form, four
     * decimal parts 0..255 without leading zeros, or {@code null} for anything else (which then
     * takes the general path above).
     */
    static byte[] dottedQuad(String text) {
        int n = text.length();
        if (n < 7 || n > 15) {
            return null;
        }
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part == 4) {
                return i == n ? out : null;
            }
            if (i >= n || text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - bits));
        }
        return out;
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isMapped(a)) {
            a = new byte[] {a[12], a[13], a[14], a[15]};
        }
        if (a.length != network.length) {
            return false;
        }
        byte[] m = mask(a, prefix);
        return java.util.Arrays.equals(m, network);
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return text;
    }
}
