package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An ordered, immutable list of header parameters ({@code generic-param}, RFC 3261 §25.1:
 * {@code ;name[=value]}). Names compare case-insensitively; values are kept as sent (a quoted
 * value keeps its quotes in {@link #raw(String)} and {@link #toString()}, {@link #get(String)}
 * returns it unquoted).
 */
public final class Parameters implements Iterable<Parameters.Param> {

    /** No parameters. */
    public static final Parameters EMPTY = new Parameters(List.of());

    /**
     * One parameter.
     *
     * @param name parameter name as sent
     * @param value raw value (quotes kept), or {@code null} for a flag such as {@code ;lr}
     */
    public record Param(String name, String value) {
        /** Validates the name and value against the grammar. */
        public Param {
            Objects.requireNonNull(name, "name");
            if (!HeaderNames.isToken(name)) {
                throw new SipSyntaxException("parameter: invalid name");
            }
            if (value != null) {
                validateValue(value);
            }
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    private final List<Param> params;

    private Parameters(List<Param> params) {
        this.params = params;
    }

    /**
     * @param text zero or more {@code ;name[=value]} items, e.g. {@code ";branch=z9hG4bK1;rport"}
     * @return the parameters
     * @throws SipSyntaxException if the text is not a parameter list
     */
    public static Parameters parse(String text) {
        Cursor c = new Cursor(text, "parameters");
        Parameters p = parse(c);
        c.expectEnd();
        return p;
    }

    /** Parses {@code *(SEMI generic-param)} at the cursor, stopping before anything else. */
    static Parameters parse(Cursor c) {
        List<Param> list = null;
        while (c.sep(';')) {
            String name = c.token();
            String value = null;
            if (c.sep('=')) {
                value = c.peek() == '"' ? c.quotedRaw() : genValue(c);
            }
            if (list == null) {
                list = new ArrayList<>(4);
            }
            list.add(new Param(name, value));
        }
        return list == null ? EMPTY : new Parameters(Collections.unmodifiableList(list));
    }

    private static String genValue(Cursor c) {
        int start = c.pos();
        String s = c.text();
        int p = start;
        while (p < s.length() && (Chars.isToken(s.charAt(p)) || s.charAt(p) == ':' || s.charAt(p) == '['
                || s.charAt(p) == ']')) {
            p++;
        }
        if (p == start) {
            throw c.error("empty parameter value");
        }
        c.pos(p);
        return s.substring(start, p);
    }

    private static void validateValue(String v) {
        if (v.isEmpty()) {
            throw new SipSyntaxException("parameter: empty value");
        }
        if (v.charAt(0) == '"') {
            Cursor c = new Cursor(v, "parameter");
            c.quotedRaw();
            if (!c.atEnd()) {
                throw new SipSyntaxException("parameter: text after quoted value");
            }
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (!Chars.isToken(ch) && ch != ':' && ch != '[' && ch != ']') {
                throw new SipSyntaxException("parameter: invalid character in value");
            }
        }
    }

    /** @return whether a parameter of that name is present (with or without a value) */
    public boolean contains(String name) {
        return index(name) >= 0;
    }

    /** @return the value without quotes, or {@code null} if absent or a flag */
    public String get(String name) {
        String raw = raw(name);
        return raw == null ? null : Cursor.unquote(raw);
    }

    /** @return the value as sent (quotes kept), or {@code null} if absent or a flag */
    public String raw(String name) {
        int i = index(name);
        return i < 0 ? null : params.get(i).value();
    }

    private int index(String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param name parameter name
     * @param value raw value (a token, host or quoted string), or {@code null} for a flag
     * @return a copy with the parameter replaced in place, or appended if it was absent
     */
    public Parameters with(String name, String value) {
        List<Param> copy = new ArrayList<>(params);
        int i = index(name);
        if (i >= 0) {
            copy.set(i, new Param(params.get(i).name(), value));
        } else {
            copy.add(new Param(name, value));
        }
        return new Parameters(Collections.unmodifiableList(copy));
    }

    /** @return a copy without the named parameter */
    public Parameters without(String name) {
        int i = index(name);
        if (i < 0) {
            return this;
        }
        List<Param> copy = new ArrayList<>(params);
        copy.remove(i);
        return copy.isEmpty() ? EMPTY : new Parameters(Collections.unmodifiableList(copy));
    }

    /** @return the number of parameters */
    public int size() {
        return params.size();
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** @return the parameters in order */
    public List<Param> asList() {
        return params;
    }

    @Override
    public Iterator<Param> iterator() {
        return params.iterator();
    }

    /** @return wire form, each parameter preceded by {@code ;}, empty if none */
    @Override
    public String toString() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        appendTo(b);
        return b.toString();
    }

    void appendTo(StringBuilder b) {
        for (Param p : params) {
            b.append(';').append(p.name());
            if (p.value() != null) {
                b.append('=').append(p.value());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters other && params.equals(other.params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }
}
