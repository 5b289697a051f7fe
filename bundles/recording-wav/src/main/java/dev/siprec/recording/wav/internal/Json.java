package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * JSON (RFC 8259) of {@code session.json} on Jackson's streaming API: a pretty printer for maps,
 * lists, strings, numbers, booleans and {@code null} in this sink's layout (two-space indentation,
 * {@code "key": value}, {@code []} and {@code {}} when empty, a final newline), and a bounded parser
 * (size limited by the caller, depth limited here) that returns the same types, keeping key order.
 * The layout is the one of the hand-written writer this replaced, byte for byte
 * ({@code SessionJsonGoldenTest}); the one deliberate difference: a lone UTF-16 surrogate, which
 * is not text and cannot be encoded in UTF-8, is written as U+FFFD instead of a {@code \\uD8xx} escape.
 */
final class Json {
    private static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new LineSeparatorEscapes())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build())
            .build();
    private static final DefaultPrettyPrinter LAYOUT = layout();

    private Json() {
    }

    private static DefaultPrettyPrinter layout() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.NONE)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /**
     * Escapes U+2028 and U+2029 as well (JavaScript line terminators, so that the document can be
     * embedded in a script); everything else as Jackson's standard JSON escapes.
     */
    private static final class LineSeparatorEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = standardAsciiEscapesForJSON();
        private static final SerializedString LS = new SerializedString("\\u2028");
        private static final SerializedString PS = new SerializedString("\\u2029");

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LS : ch == 0x2029 ? PS : null;
        }
    }

    /** Serializes {@code value} with two-space indentation and a final newline. */
    static String write(Object value) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(LAYOUT.createInstance());
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON to a string", e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    /**
     * {@link #write(Object)} as UTF-8 bytes, the same bytes, built without a {@code StringWriter}
     * (a synchronized {@code StringBuffer} grown from 1 KiB): into one presized, unsynchronized
     * buffer (issue 11: the first {@code session.json} is built for every INVITE). Jackson's UTF-8
     * generator is not used: with this sink's escapes it writes a character outside the BMP as a
     * {@code \\uD83D\\uDE00} pair where the text writer keeps it as UTF-8.
     */
    static byte[] writeUtf8(Object value) {
        TextBuffer out = new TextBuffer(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(LAYOUT.createInstance());
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON to bytes", e); // the buffer does not fail
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code Writer} over a {@code StringBuilder}: one thread, no locking. */
    private static final class TextBuffer extends Writer {
        private final StringBuilder text;

        TextBuffer(int capacity) {
            this.text = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            text.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public TextBuffer append(char c) {
            text.append(c);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(text(s));
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot represent " + d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                g.writeNumber((long) d);
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(text(String.valueOf(e.getKey())));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }
    }

    /** @return {@code s} with every lone surrogate replaced by U+FFFD (a JSON text is Unicode). */
    static String text(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s);
            }
            sb.setCharAt(i, '\uFFFD');
        }
        return sb == null ? s : sb.toString();
    }

    /** Parses one JSON value; anything else, or more than one, is an {@link IllegalArgumentException}. */
    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("invalid JSON: empty");
            }
            Object v = value(p, 0);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("invalid JSON at offset " + p.currentTokenLocation().getCharOffset()
                        + ": trailing characters");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("JSON from a string", e);
        }
    }

    private static Object value(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("invalid JSON: nested deeper than " + MAX_DEPTH);
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    p.nextToken();
                    m.put(key, value(p, depth + 1));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p, depth + 1));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new IllegalArgumentException("invalid JSON: number out of range " + p.getText());
                }
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("invalid JSON: unexpected " + t);
        }
    }
}
