package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The header fields of one message in order, immutable: canonical names and unfolded raw values.
 * Values of list fields (RFC 3261 §7.3.1) are split on commas on demand, outside quoted strings and
 * angle brackets.
 */
final class HeaderFields {
    static final HeaderFields EMPTY = new HeaderFields(new String[0], new String[0], 0);

    private final String[] names;
    private final String[] values;
    private final int size;

    HeaderFields(String[] names, String[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    int size() {
        return size;
    }

    String name(int i) {
        return names[i];
    }

    String value(int i) {
        return values[i];
    }

    /**
     * Stored names are canonical: a known field is always the same constant, so a known name matches
     * by identity and only unknown (extension) names need a case-insensitive comparison.
     */
    private static boolean matches(String stored, String canon) {
        return stored == canon || stored.length() == canon.length() && stored.equalsIgnoreCase(canon);
    }

    /** @return the first value; for list fields the first comma-separated element */
    String first(String name) {
        String canon = HeaderNames.canonical(name);
        for (int i = 0; i < size; i++) {
            if (matches(names[i], canon)) {
                if (HeaderNames.isList(canon)) {
                    List<String> parts = split(values[i]);
                    if (parts.isEmpty()) {
                        continue;
                    }
                    return parts.get(0);
                }
                return values[i];
            }
        }
        return null;
    }

    /** @return the raw value of the first line of that field (no comma splitting), or null */
    String firstLine(String name) {
        String canon = HeaderNames.canonical(name);
        for (int i = 0; i < size; i++) {
            if (matches(names[i], canon)) {
                return values[i];
            }
        }
        return null;
    }

    /** @return how many lines carry that field */
    int count(String name) {
        String canon = HeaderNames.canonical(name);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (matches(names[i], canon)) {
                n++;
            }
        }
        return n;
    }

    List<String> all(String name) {
        String canon = HeaderNames.canonical(name);
        boolean list = HeaderNames.isList(canon);
        List<String> out = null;
        for (int i = 0; i < size; i++) {
            if (matches(names[i], canon)) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                if (list) {
                    out.addAll(split(values[i]));
                } else {
                    out.add(values[i]);
                }
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    List<String> names() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean seen = false;
            for (String n : out) {
                if (n.equalsIgnoreCase(names[i])) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                out.add(names[i]);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** @return a copy where the field has exactly one line with {@code value}, at the place of its first line */
    HeaderFields with(String name, String value) {
        String canon = HeaderNames.canonical(name);
        String[] n = new String[size + 1];
        String[] v = new String[size + 1];
        int k = 0;
        boolean placed = false;
        for (int i = 0; i < size; i++) {
            if (matches(names[i], canon)) {
                if (!placed) {
                    n[k] = canon;
                    v[k++] = value;
                    placed = true;
                }
            } else {
                n[k] = names[i];
                v[k++] = values[i];
            }
        }
        if (!placed) {
            n[k] = canon;
            v[k++] = value;
        }
        return new HeaderFields(n, v, k);
    }

    /** @return a copy with one more line for the field, after the existing ones */
    HeaderFields add(String name, String value) {
        String[] n = Arrays.copyOf(names, size + 1);
        String[] v = Arrays.copyOf(values, size + 1);
        n[size] = HeaderNames.canonical(name);
        v[size] = value;
        return new HeaderFields(n, v, size + 1);
    }

    HeaderFields without(String name) {
        String canon = HeaderNames.canonical(name);
        String[] n = new String[size];
        String[] v = new String[size];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (!matches(names[i], canon)) {
                n[k] = names[i];
                v[k++] = values[i];
            }
        }
        return k == size ? this : new HeaderFields(n, v, k);
    }

    /**
     * Splits a list value on commas outside quoted strings and {@code <...>}; elements are trimmed and
     * empty ones dropped.
     */
    static List<String> split(String value) {
        int comma = value.indexOf(',');
        if (comma < 0) {
            String t = value.strip();
            return t.isEmpty() ? List.of() : List.of(t);
        }
        List<String> out = new ArrayList<>(4);
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                addTrimmed(out, value, start, i);
                start = i + 1;
            }
        }
        addTrimmed(out, value, start, value.length());
        return out;
    }

    private static void addTrimmed(List<String> out, String s, int from, int to) {
        String t = s.substring(from, to).strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /** Appends {@code Name: value CRLF} for every line. */
    void appendTo(StringBuilder b) {
        for (int i = 0; i < size; i++) {
            b.append(names[i]).append(": ").append(values[i]).append("\r\n");
        }
    }
}
