package dev.siprec.webconsole.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for HTML text, attribute values and URL query parameters. */
final class Html {
    private Html() {
    }

    /** @return {@code s} safe in HTML text and in quoted attribute values; {@code null} as {@code -} */
    static String esc(Object o) {
        if (o == null) {
            return "-";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** @return {@code s} encoded for a URL query parameter (then still escaped for the attribute) */
    static String q(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
