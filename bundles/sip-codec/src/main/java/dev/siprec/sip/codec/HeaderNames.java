package dev.siprec.sip.codec;

/**
 * Header field names: canonical long forms, compact forms (RFC 3261 §7.3.3, §20 and the extensions
 * that define one letter names) and which fields carry comma-separated lists (RFC 3261 §7.3.1).
 * Names are matched case-insensitively (RFC 3261 §7.3.1). Lookups allocate nothing for known names.
 */
public final class HeaderNames {

    /** Canonical long form of every known header field; the first column of each row is its name. */
    private static final String[] KNOWN = {
        "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Accept-Resource-Priority", "Alert-Info",
        "Allow", "Allow-Events", "Answer-Mode", "Authentication-Info", "Authorization", "Call-ID", "Call-Info",
        "Contact", "Content-Disposition", "Content-Encoding", "Content-ID", "Content-Language", "Content-Length",
        "Content-Transfer-Encoding", "Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires",
        "Feature-Caps", "Geolocation", "History-Info", "Identity", "Identity-Info", "In-Reply-To", "Join",
        "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE", "Organization", "P-Asserted-Identity",
        "P-Charging-Vector", "P-Preferred-Identity", "Path", "Priority", "Privacy", "Proxy-Authenticate",
        "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Record-Route", "Refer-To", "Referred-By",
        "Reject-Contact", "Replaces", "Reply-To", "Request-Disposition", "Require", "Resource-Priority",
        "Retry-After", "Route", "RSeq", "Security-Client", "Security-Server", "Security-Verify", "Server",
        "Service-Route", "Session-Expires", "Session-ID", "SIP-ETag", "SIP-If-Match", "Subject",
        "Subscription-State", "Supported", "Timestamp", "To", "Unsupported", "User-Agent", "Via", "Warning",
        "WWW-Authenticate", "From", "Recv-Info", "Info-Package", "Target-Dialog", "Max-Breadth", "Diversion",
        "Remote-Party-ID", "P-Access-Network-Info", "P-Called-Party-ID", "P-Associated-URI", "P-Visited-Network-ID",
    };

    /** Fields whose grammar is a comma-separated list (RFC 3261 §20 and extensions). */
    private static final String[] LISTS = {
        "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Accept-Resource-Priority", "Alert-Info",
        "Allow", "Allow-Events", "Call-Info", "Contact", "Content-Encoding", "Content-Language", "Error-Info",
        "History-Info", "In-Reply-To", "P-Asserted-Identity", "P-Preferred-Identity", "P-Associated-URI",
        "P-Visited-Network-ID", "Path", "Proxy-Require", "Reason", "Record-Route", "Reject-Contact",
        "Request-Disposition", "Require", "Resource-Priority", "Route", "Security-Client", "Security-Server",
        "Security-Verify", "Service-Route", "Supported", "Unsupported", "Via", "Warning", "Recv-Info",
        "Diversion", "Feature-Caps", "Geolocation",
    };

    /** Fields that may appear at most once (RFC 3261 §7.3.1, table 2/3 of §20). */
    private static final String[] SINGLE = {
        "Call-ID", "CSeq", "From", "To", "Content-Length", "Content-Type", "Max-Forwards", "Expires",
        "Min-Expires", "Session-Expires", "Min-SE", "Content-Disposition", "MIME-Version", "Date", "Timestamp",
        "RSeq", "RAck", "Event", "Subscription-State", "Refer-To", "Referred-By", "Replaces", "Retry-After",
        "Priority", "Subject", "Organization", "Server", "User-Agent", "Reply-To", "Max-Breadth", "Session-ID",
    };

    /** Compact forms, index = letter - 'a'. */
    private static final String[] COMPACT = new String[26];

    private static final int TABLE_SIZE = 512;
    private static final String[] TABLE = new String[TABLE_SIZE];
    private static final byte[] FLAGS = new byte[TABLE_SIZE];
    private static final byte FLAG_LIST = 1;
    private static final byte FLAG_SINGLE = 2;

    static {
        compact('a', "Accept-Contact");   // RFC 3841
        compact('b', "Referred-By");      // RFC 3892
        compact('c', "Content-Type");     // RFC 3261
        compact('d', "Request-Disposition"); // RFC 3841
        compact('e', "Content-Encoding"); // RFC 3261
        compact('f', "From");             // RFC 3261
        compact('i', "Call-ID");          // RFC 3261
        compact('j', "Reject-Contact");   // RFC 3841
        compact('k', "Supported");        // RFC 3261
        compact('l', "Content-Length");   // RFC 3261
        compact('m', "Contact");          // RFC 3261
        compact('n', "Identity-Info");    // RFC 4474
        compact('o', "Event");            // RFC 6665
        compact('r', "Refer-To");         // RFC 3515
        compact('s', "Subject");          // RFC 3261
        compact('t', "To");               // RFC 3261
        compact('u', "Allow-Events");     // RFC 6665
        compact('v', "Via");              // RFC 3261
        compact('x', "Session-Expires");  // RFC 4028
        compact('y', "Identity");         // RFC 8224
        for (String name : KNOWN) {
            int slot = slot(name);
            TABLE[slot] = name;
        }
        for (String name : LISTS) {
            FLAGS[slot(name)] |= FLAG_LIST;
        }
        for (String name : SINGLE) {
            FLAGS[slot(name)] |= FLAG_SINGLE;
        }
    }

    private HeaderNames() {
    }

    private static void compact(char letter, String name) {
        COMPACT[letter - 'a'] = name;
    }

    /** Finds the table slot of a known name (or of a free slot for insertion), by linear probing. */
    private static int slot(String name) {
        int h = hash(name) & (TABLE_SIZE - 1);
        while (TABLE[h] != null && !TABLE[h].equalsIgnoreCase(name)) {
            h = (h + 1) & (TABLE_SIZE - 1);
        }
        return h;
    }

    private static int hash(CharSequence s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + (s.charAt(i) | 0x20);
        }
        return h ^ (h >>> 9);
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + ((b[i] & 0xff) | 0x20);
        }
        return h ^ (h >>> 9);
    }

    private static int find(String name) {
        int h = hash(name) & (TABLE_SIZE - 1);
        String candidate;
        while ((candidate = TABLE[h]) != null) {
            if (candidate.length() == name.length() && candidate.equalsIgnoreCase(name)) {
                return h;
            }
            h = (h + 1) & (TABLE_SIZE - 1);
        }
        return -1;
    }

    /**
     * @param name a header name in any case, long or compact form
     * @return the canonical long form ({@code "i"} and {@code "CALL-id"} give {@code "Call-ID"}); an
     *         unknown name is returned unchanged
     */
    public static String canonical(String name) {
        if (name.length() == 1) {
            char c = (char) (name.charAt(0) | 0x20);
            if (c >= 'a' && c <= 'z' && COMPACT[c - 'a'] != null) {
                return COMPACT[c - 'a'];
            }
            return name;
        }
        int slot = find(name);
        return slot < 0 ? name : TABLE[slot];
    }

    /**
     * Canonical name straight from message bytes: known names cost no allocation.
     *
     * @param b buffer holding a token (ASCII)
     * @param off start of the name
     * @param len length of the name, at least 1
     * @return the canonical long form, or a new string of the bytes as sent
     */
    static String canonical(byte[] b, int off, int len) {
        if (len == 1) {
            int c = (b[off] & 0xff) | 0x20;
            if (c >= 'a' && c <= 'z' && COMPACT[c - 'a'] != null) {
                return COMPACT[c - 'a'];
            }
        } else {
            int h = hash(b, off, len) & (TABLE_SIZE - 1);
            String candidate;
            while ((candidate = TABLE[h]) != null) {
                if (candidate.length() == len && equalsIgnoreCase(candidate, b, off)) {
                    return candidate;
                }
                h = (h + 1) & (TABLE_SIZE - 1);
            }
        }
        return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean equalsIgnoreCase(String s, byte[] b, int off) {
        for (int i = 0; i < s.length(); i++) {
            int x = s.charAt(i);
            int y = b[off + i] & 0xff;
            if (x != y && (x | 0x20) != (y | 0x20)) {
                return false;
            }
            if (x != y && !Character.isLetter(x)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether two names denote the same header field (case-insensitive, compact forms equal) */
    public static boolean same(String a, String b) {
        return canonical(a).equalsIgnoreCase(canonical(b));
    }

    /** @return whether the field's grammar is a comma-separated list, so values are split on commas */
    public static boolean isList(String name) {
        int slot = find(canonical(name));
        return slot >= 0 && (FLAGS[slot] & FLAG_LIST) != 0;
    }

    /** @return whether the field may appear at most once in a message */
    public static boolean isSingle(String name) {
        int slot = find(canonical(name));
        return slot >= 0 && (FLAGS[slot] & FLAG_SINGLE) != 0;
    }

    /** @return the one-letter compact form of a long name, or {@code null} if it has none */
    public static String compactForm(String name) {
        String canon = canonical(name);
        for (int i = 0; i < COMPACT.length; i++) {
            if (canon.equals(COMPACT[i])) {
                return String.valueOf((char) ('a' + i));
            }
        }
        return null;
    }

    /** @return whether {@code name} is a valid header name (an RFC 3261 §25.1 token) */
    public static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Chars.isToken(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
