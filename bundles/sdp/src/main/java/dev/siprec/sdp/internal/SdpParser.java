package dev.siprec.sdp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SdpLimits;
import dev.siprec.sdp.api.SdpLine;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SessionDescription.Origin;

/**
 * Parses one session description (RFC 8866 §5, §9) within {@link SdpLimits}. Strict on the lines
 * that carry meaning for offer/answer ({@code v=}, {@code o=}, {@code s=}, {@code c=}, {@code m=}),
 * tolerant of LF without CR, trailing white space, blank lines and unknown line types and
 * attributes, which are kept in order.
 */
final class SdpParser {
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");
    private final SdpLimits limits;

    SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    SessionDescription parse(byte[] body) throws SdpParseException {
        if (body.length > limits.maxBytes()) {
            throw new SdpParseException(0, "body of " + body.length + " bytes exceeds the limit of " + limits.maxBytes());
        }
        // RFC 8866 §5: UTF-8. Invalid bytes (Latin-1 session names seen in the field) become U+FFFD;
        // they then fail the token checks wherever the syntax matters.
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    SessionDescription parse(String text) throws SdpParseException {
        if (text.length() > limits.maxBytes()) {
            throw new SdpParseException(0, "body of " + text.length() + " characters exceeds the limit of "
                    + limits.maxBytes());
        }
        Builder b = new Builder();
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            lineNo++;
            if (lineNo > limits.maxLines()) {
                throw new SdpParseException(lineNo, "more than " + limits.maxLines() + " lines");
            }
            int stop = end;
            if (stop > start && text.charAt(stop - 1) == '\r') {
                stop--;
            }
            if (stop - start > limits.maxLineLength()) {
                throw new SdpParseException(lineNo, "line longer than " + limits.maxLineLength() + " characters");
            }
            b.line(lineNo, stripTrailing(text.substring(start, stop)));
            start = end + 1;
        }
        return b.build();
    }

    private static String stripTrailing(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return s.substring(0, e);
    }

    /** Accumulates one description line by line. */
    private final class Builder {
        private boolean seenVersion;
        private Origin origin;
        private String sessionName;
        private Connection connection;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<SdpLine> otherLines = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaBuilder current;

        void line(int no, String line) throws SdpParseException {
            if (line.isEmpty()) {
                return;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\r' || c == 0) {
                    throw new SdpParseException(no, c == 0 ? "NUL character" : "CR without LF inside a line");
                }
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                String hint = line.length() > 1 && (line.charAt(1) == ' ' || line.charAt(1) == '\t')
                        ? " (no white space is allowed around '=')" : "";
                throw new SdpParseException(no, "not a <type>=<value> line" + hint);
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!seenVersion) {
                if (type != 'v') {
                    throw new SdpParseException(no, "a session description starts with v=, found " + type + "=");
                }
                if (!"0".equals(value)) {
                    throw new SdpParseException(no, "unsupported SDP version v=" + value + " (RFC 8866 §5.1 defines 0)");
                }
                seenVersion = true;
                return;
            }
            switch (type) {
                case 'v' -> throw new SdpParseException(no, "second v= line: one session description per body");
                case 'o' -> origin(no, value);
                case 's' -> sessionName(no, value);
                case 'm' -> media(no, value);
                case 'c' -> connection(no, value);
                case 'a' -> attribute(no, value);
                default -> other(no, type, value);
            }
        }

        private void origin(int no, String value) throws SdpParseException {
            if (current != null || origin != null) {
                throw new SdpParseException(no, current != null ? "o= inside a media section" : "second o= line");
            }
            String[] f = WHITESPACE.split(value);
            if (f.length != 6) {
                throw new SdpParseException(no, "o= needs 6 fields: <username> <sess-id> <sess-version> IN <addrtype> <address>");
            }
            if (!Addresses.allDigits(f[1]) || f[1].length() > 64) {
                throw new SdpParseException(no, "o= session id must be 1 to 64 digits");
            }
            if (!Addresses.allDigits(f[2]) || f[2].length() > 18) {
                throw new SdpParseException(no, "o= session version must be 1 to 18 digits");
            }
            checkNetType(no, "o=", f[3], f[4]);
            origin = new Origin(f[0], f[1], Long.parseLong(f[2]), f[4], f[5]);
        }

        private void sessionName(int no, String value) throws SdpParseException {
            if (current != null || sessionName != null) {
                throw new SdpParseException(no, current != null ? "s= inside a media section" : "second s= line");
            }
            sessionName = value;
        }

        private void media(int no, String value) throws SdpParseException {
            requireHeader(no);
            if (media.size() + (current == null ? 0 : 1) >= limits.maxMedia()) {
                throw new SdpParseException(no, "more than " + limits.maxMedia() + " m= lines");
            }
            finishMedia();
            String[] f = WHITESPACE.split(value);
            if (f.length < 4) {
                throw new SdpParseException(no, "m= needs <media> <port> <proto> <fmt> ...");
            }
            if (!isToken(f[0])) {
                throw new SdpParseException(no, "m= media type is not a token: " + f[0]);
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            int count = 1;
            if (slash >= 0) {
                count = number(no, portField.substring(slash + 1), 1, 65535, "m= number of ports");
                portField = portField.substring(0, slash);
            }
            int port = number(no, portField, 0, 65535, "m= port");
            for (String p : f[2].split("/", -1)) {
                if (!isToken(p)) {
                    throw new SdpParseException(no, "m= transport protocol is malformed: " + f[2]);
                }
            }
            List<String> fmts = new ArrayList<>();
            for (int i = 3; i < f.length; i++) {
                fmts.add(f[i]);
            }
            current = new MediaBuilder(f[0], port, count, f[2], fmts);
        }

        private void connection(int no, String value) throws SdpParseException {
            String[] f = WHITESPACE.split(value);
            if (f.length != 3) {
                throw new SdpParseException(no, "c= needs 3 fields: IN <addrtype> <connection-address>");
            }
            checkNetType(no, "c=", f[0], f[1]);
            String address = f[2];
            String base = address.indexOf('/') >= 0 ? address.substring(0, address.indexOf('/')) : address;
            if (!Addresses.fits(f[1], base)) {
                throw new SdpParseException(no, "c= address '" + address + "' is not an "
                        + ("IP4".equals(f[1]) ? "IPv4" : "IPv6") + " address or host name");
            }
            Connection c = new Connection(f[1], address);
            if (current != null) {
                if (current.connection == null) {
                    current.connection = c;
                } else {
                    current.other.add(new SdpLine('c', value));
                }
            } else {
                requireHeader(no);
                if (connection != null) {
                    throw new SdpParseException(no, "second session-level c= line");
                }
                connection = c;
            }
        }

        private void attribute(int no, String value) throws SdpParseException {
            requireHeader(no);
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (!isToken(name)) {
                throw new SdpParseException(no, "attribute name is empty or not a token");
            }
            List<Attribute> target = current != null ? current.attributes : attributes;
            if (target.size() >= limits.maxAttributes()) {
                throw new SdpParseException(no, "more than " + limits.maxAttributes() + " attributes in one section");
            }
            target.add(new Attribute(name, colon < 0 ? null : value.substring(colon + 1)));
        }

        private void other(int no, char type, String value) throws SdpParseException {
            requireHeader(no);
            (current != null ? current.other : otherLines).add(new SdpLine(type, value));
        }

        private void requireHeader(int no) throws SdpParseException {
            if (origin == null || sessionName == null) {
                throw new SdpParseException(no, "o= and s= must come before other lines (RFC 8866 §5)");
            }
        }

        private void finishMedia() {
            if (current != null) {
                media.add(current.build());
                current = null;
            }
        }

        SessionDescription build() throws SdpParseException {
            if (!seenVersion) {
                throw new SdpParseException(0, "empty session description");
            }
            if (origin == null || sessionName == null) {
                throw new SdpParseException(0, "missing " + (origin == null ? "o=" : "s=") + " line");
            }
            finishMedia();
            return new SessionDescription(0, origin, sessionName, connection, attributes, media, otherLines);
        }
    }

    /** Accumulates one m-section. */
    private static final class MediaBuilder {
        final String media;
        final int port;
        final int count;
        final String proto;
        final List<String> formats;
        Connection connection;
        final List<Attribute> attributes = new ArrayList<>();
        final List<SdpLine> other = new ArrayList<>();

        MediaBuilder(String media, int port, int count, String proto, List<String> formats) {
            this.media = media;
            this.port = port;
            this.count = count;
            this.proto = proto;
            this.formats = formats;
        }

        MediaDescription build() {
            return new MediaDescription(media, port, count, proto, formats, connection, attributes, other);
        }
    }

    private static void checkNetType(int no, String line, String netType, String addrType) throws SdpParseException {
        if (!"IN".equals(netType)) {
            throw new SdpParseException(no, line + " network type must be IN, found " + netType);
        }
        if (!"IP4".equals(addrType) && !"IP6".equals(addrType)) {
            throw new SdpParseException(no, line + " address type must be IP4 or IP6, found " + addrType);
        }
    }

    private static int number(int no, String s, int min, int max, String what) throws SdpParseException {
        if (!Addresses.allDigits(s) || s.length() > 5 || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            throw new SdpParseException(no, what + " must be a number in " + min + ".." + max + ", found '" + s + "'");
        }
        return Integer.parseInt(s);
    }

    /** RFC 8866 §9 {@code token}: visible ASCII except separators. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
