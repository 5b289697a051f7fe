package dev.siprec.shell.internal;

/**
 * Text from the network or from files (certificate names, metadata) made safe for a terminal:
 * C0 and C1 control characters and DEL are shown as {@code \\uXXXX}, so that no escape sequence
 * reaches the operator's terminal.
 */
final class Printable {
    private Printable() {
    }

    /** @return {@code s} with every control character escaped; {@code null} stays {@code null} */
    static String safe(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
