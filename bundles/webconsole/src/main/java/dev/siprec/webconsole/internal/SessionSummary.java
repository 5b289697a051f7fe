package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * What the page shows of one finished or active recording, read from its {@code session.json}
 * (schema in {@code docs/recording-format.md}) with Jackson's streaming parser, bounded in size and depth.
 */
record SessionSummary(String date, String folder, String id, String callId, String transport, String peer, String startedAt,
                      String endedAt, String state, String endReason, List<Party> participants, List<Track> streams,
                      String stereoFile) {

    /** The largest {@code session.json} read; a bigger one is skipped as unreadable. */
    static final long MAX_BYTES = 2L * 1024 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(100_000).build())
            .build();

    /** A participant from the metadata. */
    record Party(String id, String aor, String name) {
    }

    /** A recorded stream and its file. */
    record Track(String label, String codec, String suite, long received, long lost, String file, long durationMs) {
    }

    /** @return whether a participant's AoR or name, or the Call-ID, contains {@code needle} (case-insensitive) */
    boolean mentions(String needle) {
        if (needle == null || needle.isBlank()) {
            return true;
        }
        String n = needle.strip().toLowerCase(Locale.ROOT);
        for (Party p : participants) {
            if (contains(p.aor(), n) || contains(p.name(), n) || contains(p.id(), n)) {
                return true;
            }
        }
        return contains(callId, n);
    }

    private static boolean contains(String hay, String needle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Reads {@code <folder>/session.json}; {@code date} and {@code folder} are the folder names. */
    static SessionSummary read(Path dir, String date, String folder) throws IOException {
        Path file = dir.resolve("session.json");
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("session.json larger than " + MAX_BYTES + " bytes");
        }
        Map<String, Object> m;
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("session.json is not a JSON object");
            }
            m = object(p);
        }
        List<Party> parties = new ArrayList<>();
        for (Object o : list(m.get("participants"))) {
            if (o instanceof Map<?, ?> x) {
                parties.add(new Party(str(x.get("id")), str(x.get("aor")), str(x.get("name"))));
            }
        }
        List<Track> tracks = new ArrayList<>();
        for (Object o : list(m.get("streams"))) {
            if (o instanceof Map<?, ?> x) {
                Map<?, ?> packets = x.get("packets") instanceof Map<?, ?> pk ? pk : Map.of();
                String suite = x.get("srtp") instanceof Map<?, ?> srtp ? str(srtp.get("suite")) : null;
                String label = str(x.get("label")) != null ? str(x.get("label")) : str(x.get("key"));
                tracks.add(new Track(label, str(x.get("codec")), suite, num(packets.get("received")), num(packets.get("lost")),
                        str(x.get("file")), num(x.get("durationMs"))));
            }
        }
        String stereo = m.get("stereo") instanceof Map<?, ?> s ? str(s.get("file")) : null;
        return new SessionSummary(date, folder, str(m.get("id")), str(m.get("callId")), str(m.get("transport")), str(m.get("peer")),
                str(m.get("startedAt")), str(m.get("endedAt")), str(m.get("state")), str(m.get("endReason")), List.copyOf(parties),
                List.copyOf(tracks), stereo);
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, value(p));
        }
        return m;
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("truncated session.json");
        }
        return switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new IOException("truncated session.json");
                    }
                    l.add(value(p));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + t + " in session.json");
        };
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
