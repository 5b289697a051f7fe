package dev.siprec.siprec.internal.metadata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses recording metadata (RFC 7865 §6) in the dialects recording clients send: the RFC format
 * (namespace {@code urn:ietf:params:xml:ns:recording:1}), the draft format without {@code :1} (ids
 * as {@code id} attributes, {@code session} references, {@code send}/{@code recv} inside
 * {@code participant}, {@code dataMode}), and the early draft format ({@code recording_metadata}
 * in {@code urn:ietf:params:xml:ns:siprec}). Names are matched without regard to case, {@code -}
 * and {@code _}; prefixes are free. Elements of other namespaces and {@code extensiondata} are kept
 * verbatim as extension data (§6.11). Thread-safe.
 */
public final class MetadataParser {
    /** RFC 7865 §9.1. */
    public static final String NS_RFC = "urn:ietf:params:xml:ns:recording:1";
    /** The draft namespace, still sent by several clients. */
    public static final String NS_DRAFT = "urn:ietf:params:xml:ns:recording";
    /** The early draft namespace ({@code recording_metadata}). */
    public static final String NS_SIPREC = "urn:ietf:params:xml:ns:siprec";

    private static final Set<String> CONTAINERS = Set.of("groups", "sessions", "participants", "streams");

    private final SafeXmlReader reader;

    public MetadataParser(SafeXmlReader reader) {
        this.reader = reader;
    }

    public MetadataParser() {
        this(new SafeXmlReader());
    }

    /**
     * @throws MetadataException when the body is not safe, well-formed recording metadata
     */
    public Metadata parse(byte[] body) throws MetadataException {
        XmlNode root = reader.read(body);
        String rootKey = root.key();
        if (!ours(root) || !(rootKey.equals("recording") || rootKey.equals("recordingmetadata"))) {
            throw new MetadataException("not recording metadata: document element " + root.localName()
                    + (root.namespace().isEmpty() ? "" : " in " + root.namespace()));
        }
        Builder b = new Builder();
        b.recordingId = root.attrOrChild("id", "recording_id");
        String mode = root.childText("datamode");
        b.partial = mode != null && mode.equalsIgnoreCase("partial");
        walk(root, b);
        String dialect = root.namespace().equals(NS_RFC) ? "rfc7865"
                : rootKey.equals("recordingmetadata") || root.namespace().equals(NS_SIPREC) ? "draft-siprec" : "draft";
        return b.build(dialect);
    }

    private static boolean ours(XmlNode n) {
        String ns = n.namespace();
        return ns.isEmpty() || ns.equals(NS_RFC) || ns.equals(NS_DRAFT) || ns.equals(NS_SIPREC)
                || ns.startsWith(NS_DRAFT + ":");
    }

    private void walk(XmlNode parent, Builder b) {
        for (XmlNode n : parent.children()) {
            if (!ours(n) || n.key().equals("extensiondata")) {
                b.extensions.add(new Metadata.Extension(parentId(parent), n.toXml()));
                continue;
            }
            switch (n.key()) {
                case "group" -> group(n, b);
                case "session" -> session(n, b);
                case "participant" -> participant(n, b);
                case "stream" -> stream(n, b);
                case "sessionrecordingassoc" -> sessionRecording(n, b);
                case "participantsessionassoc" -> participantSession(n, b);
                case "participantstreamassoc" -> participantStream(n, b);
                case "recording" -> {
                    if (b.recordingId == null) {
                        b.recordingId = n.attrOrChild("id", "recording_id");
                    }
                    walk(n, b);
                }
                default -> {
                    if (CONTAINERS.contains(n.key())) {
                        walk(n, b);
                    }
                }
            }
            extensionsOf(n, b);
        }
    }

    /** Extension elements nested in a known element, attached to its id. */
    private static void extensionsOf(XmlNode n, Builder b) {
        if (n.key().equals("recording") || CONTAINERS.contains(n.key())) {
            return;
        }
        for (XmlNode c : n.children()) {
            if (!ours(c) || c.key().equals("extensiondata")) {
                b.extensions.add(new Metadata.Extension(parentId(n), c.toXml()));
            }
        }
    }

    private static String parentId(XmlNode n) {
        return n.attr("group_id", "session_id", "participant_id", "stream_id", "id");
    }

    private static void group(XmlNode n, Builder b) {
        String id = n.attrOrChild("group_id", "id");
        if (id != null) {
            b.groups.put(id, new Metadata.Group(id, time(n, "associate-time", "start-time"),
                    time(n, "disassociate-time", "stop-time", "end-time")));
        }
    }

    private static void session(XmlNode n, Builder b) {
        String id = n.attrOrChild("session_id", "id");
        if (id == null) {
            return;
        }
        List<String> sipIds = new ArrayList<>();
        for (XmlNode s : n.all("sipSessionID")) {
            if (!s.text().isEmpty()) {
                sipIds.add(s.text());
            }
        }
        String group = n.attr("group", "group_ref", "group_id");
        if (group == null) {
            group = n.childText("group-ref", "group_ref", "groupref");
        }
        Metadata.Session prev = b.sessions.get(id);
        b.sessions.put(id, new Metadata.Session(id, group, sipIds,
                or(time(n, "associate-time", "start-time"), prev == null ? null : prev.associated()),
                or(time(n, "disassociate-time", "stop-time", "end-time"), prev == null ? null : prev.disassociated())));
    }

    private static void participant(XmlNode n, Builder b) {
        String id = n.attrOrChild("participant_id", "id");
        if (id == null) {
            return;
        }
        String aor = null;
        String name = null;
        for (XmlNode nameId : n.all("nameID")) {
            if (aor == null) {
                aor = nameId.attrOrChild("aor");
            }
            if (name == null) {
                name = nameId.childText("name");
            }
        }
        aor = aor != null ? aor : n.childText("aor");
        name = name != null ? name : n.childText("name");
        List<String> sends = texts(n, "send");
        List<String> receives = texts(n, "recv", "receive");
        Metadata.Party prev = b.parties.get(id);
        b.parties.put(id, new Metadata.Party(id, aor, name, n.attrOrChild("session", "session_id"),
                sends.isEmpty() ? prev == null ? null : prev.sends() : sends,
                receives.isEmpty() ? prev == null ? null : prev.receives() : receives,
                time(n, "associate-time", "start-time"), time(n, "disassociate-time", "stop-time", "end-time")));
    }

    private static void stream(XmlNode n, Builder b) {
        String id = n.attrOrChild("stream_id", "id");
        if (id == null) {
            return;
        }
        b.streams.put(id, new Metadata.Stream(id, n.attr("session_id", "session"), n.childText("label"),
                n.childText("mode"), time(n, "associate-time", "start-time"),
                time(n, "disassociate-time", "stop-time", "end-time")));
    }

    private static void sessionRecording(XmlNode n, Builder b) {
        String id = n.attrOrChild("session_id", "session");
        if (id == null) {
            return;
        }
        Metadata.Session s = b.sessions.get(id);
        b.sessions.put(id, new Metadata.Session(id, s == null ? null : s.groupId(), s == null ? List.of() : s.sipSessionIds(),
                or(time(n, "associate-time"), s == null ? null : s.associated()),
                or(time(n, "disassociate-time"), s == null ? null : s.disassociated())));
    }

    private static void participantSession(XmlNode n, Builder b) {
        String pid = n.attrOrChild("participant_id", "participant");
        if (pid == null) {
            return;
        }
        Metadata.Party p = b.parties.getOrDefault(pid, new Metadata.Party(pid, null, null, null, null, null, null, null));
        b.parties.put(pid, new Metadata.Party(pid, p.aor(), p.name(), or(n.attrOrChild("session_id", "session"), p.sessionId()),
                p.sends(), p.receives(), or(time(n, "associate-time"), p.associated()),
                or(time(n, "disassociate-time"), p.disassociated())));
    }

    private static void participantStream(XmlNode n, Builder b) {
        String pid = n.attrOrChild("participant_id", "participant");
        if (pid == null) {
            return;
        }
        Metadata.Party p = b.parties.getOrDefault(pid, new Metadata.Party(pid, null, null, null, null, null, null, null));
        List<String> sends = texts(n, "send");
        List<String> receives = texts(n, "recv", "receive");
        // An association element states the full send/recv sets of the participant (RFC 7865 §6.9).
        b.parties.put(pid, new Metadata.Party(pid, p.aor(), p.name(), p.sessionId(), sends, receives, p.associated(),
                p.disassociated()));
    }

    private static List<String> texts(XmlNode n, String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            for (XmlNode c : n.all(name)) {
                if (!c.text().isEmpty()) {
                    out.add(c.text());
                }
            }
        }
        return out;
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    /** A timestamp from the first child named one of {@code names}: ISO-8601 with offset, or without (taken as UTC). */
    static Instant time(XmlNode n, String... names) {
        String t = n.childText(names);
        if (t == null) {
            return null;
        }
        Instant fast = isoInstant(t);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null; // tolerated: a bad time is not worth refusing a recording
            }
        }
    }

    /**
     * The common shape of a metadata time, {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)} or without an
     * offset (UTC), read without the {@code DateTimeFormatter} machinery; {@code null} for any other
     * text and for anything out of range, which then takes the formatter's path (same result).
     */
    static Instant isoInstant(String t) {
        int n = t.length();
        if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                nanos = nanos * 10 + (t.charAt(i++) - '0');
            }
            int count = i - start;
            if (count == 0) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = 0; // no offset: read as UTC
        } else if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (t.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, Math.max(1, Math.min(12, month))).lengthOfMonth()
                || month < 1 || month > 12 || day < 1) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** @return the decimal value of {@code count} ASCII digits at {@code from}, or -1 */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final class Builder {
        String recordingId;
        boolean partial;
        final Map<String, Metadata.Group> groups = new LinkedHashMap<>();
        final Map<String, Metadata.Session> sessions = new LinkedHashMap<>();
        final Map<String, Metadata.Party> parties = new LinkedHashMap<>();
        final Map<String, Metadata.Stream> streams = new LinkedHashMap<>();
        final List<Metadata.Extension> extensions = new ArrayList<>();

        Metadata build(String dialect) {
            return new Metadata(recordingId, partial, groups, sessions, parties, streams, extensions, dialect);
        }
    }
}
