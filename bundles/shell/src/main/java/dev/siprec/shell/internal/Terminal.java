package dev.siprec.shell.internal;

/**
 * Makes untrusted text (SIP headers, metadata names, notes) safe to print on an operator's terminal:
 * every C0 control (U+0000..U+001F), DEL and C1 control (U+0080..U+009F) becomes {@code \xNN}, so that
 * ESC/CSI/OSC sequences (which XML 1.1 character references can carry into metadata) cannot move the
 * cursor, retitle the window, write the clipboard or hide text. Bidirectional overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) become {@code \\u}{@code NNNN} for the same reason. A backslash is
 * doubled, so the escaped form is unambiguous.
 */
public final class Terminal {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Terminal() {
    }

    /** @return {@code text} with every control character escaped, line breaks included; {@code null} stays null */
    public static String safe(String text) {
        return escape(text, false);
    }

    /** As {@link #safe}, but keeps {@code \n} (multi-line blocks such as an XML body); {@code \r} is escaped. */
    public static String safeLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !special(text.charAt(i), keepNewlines)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!special(c, keepNewlines)) {
                b.append(c);
            } else if (c == '\\') {
                b.append("\\\\");
            } else if (c <= 0xFF) {
                b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            }
        }
        return b.toString();
    }

    private static boolean special(char c, boolean keepNewlines) {
        if (c == '\n' && keepNewlines) {
            return false;
        }
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\\' || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
