package dev.siprec.sip.codec;

/** Character classes of the RFC 3261 §25.1 grammar, as bit tables for byte-level scanning. */
final class Chars {
    private static final int TOKEN = 1;
    private static final int UNRESERVED = 2;
    private static final int USER = 4;
    private static final int PARAM = 8;
    private static final int HEADER = 16;
    private static final int PASSWORD = 32;
    private static final int[] CLASS = new int[128];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = 0x3f;
            CLASS[c - 32] = 0x3f;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = 0x3f;
        }
        add("-.!%*_+`'~", TOKEN);
        add("-_.!~*'()", UNRESERVED | USER | PARAM | HEADER | PASSWORD);
        add("&=+$,;?/", USER);
        add("[]/:&+$", PARAM);
        add("[]/?:+$", HEADER);
        add("&=+$,", PASSWORD);
    }

    private Chars() {
    }

    private static void add(String chars, int bits) {
        for (int i = 0; i < chars.length(); i++) {
            CLASS[chars.charAt(i)] |= bits;
        }
    }

    private static boolean is(int c, int bits) {
        return c >= 0 && c < 128 && (CLASS[c] & bits) != 0;
    }

    static boolean isToken(int c) {
        return is(c, TOKEN);
    }

    /** unreserved / user-unreserved (escaped handled by the caller) */
    static boolean isUserChar(int c) {
        return is(c, USER);
    }

    /** unreserved / param-unreserved */
    static boolean isParamChar(int c) {
        return is(c, PARAM);
    }

    /** unreserved / hnv-unreserved */
    static boolean isHeaderChar(int c) {
        return is(c, HEADER);
    }

    static boolean isPasswordChar(int c) {
        return is(c, PASSWORD);
    }

    static boolean isWs(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
