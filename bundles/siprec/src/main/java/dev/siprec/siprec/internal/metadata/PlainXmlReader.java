package dev.siprec.siprec.internal.metadata;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-call fast path of {@link SafeXmlReader} (issue 11: building a StAX reader per INVITE cost
 * more than reading the metadata). It reads only a plain subset of XML 1.0 with namespaces, the one
 * recording clients send: UTF-8 (or ASCII), an optional {@code <?xml version="1.0"?>} declaration,
 * elements with ASCII names, attributes, text, CDATA sections, comments, the five predefined entities
 * and character references, line ends read as XML 1.0 §2.11 says. It never expands anything else
 * and never reaches outside the body.
 *
 * <p>It returns {@code null} for <em>anything</em> outside that subset or not well-formed (a DOCTYPE,
 * another entity, a processing instruction, white space other than a space inside an attribute value,
 * another encoding, a limit exceeded,
 * a mismatched tag, an unbound prefix, ...). The caller then reads the body with the StAX reader,
 * which decides and reports exactly as before. So this path may only accept documents the StAX path
 * accepts, and must build the same tree for them ({@code PlainXmlReaderTest} compares the two).
 * Stateless and thread-safe.
 */
final class PlainXmlReader {
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    /** More attributes or namespace declarations on one element than this: the StAX path (and its limits) decide. */
    static final int MAX_ATTRIBUTES = 64;
    private static final Pattern DECLARATION = Pattern.compile(
            "<\\?xml[ \\t\\n]+version[ \\t\\n]*=[ \\t\\n]*([\"'])1\\.0\\1"
                    + "([ \\t\\n]+encoding[ \\t\\n]*=[ \\t\\n]*([\"'])(?i:utf-8)\\3)?"
                    + "([ \\t\\n]+standalone[ \\t\\n]*=[ \\t\\n]*([\"'])(?:yes|no)\\5)?[ \\t\\n]*\\?>");

    /** The declarations clients send, recognized without the pattern (each one also matches it). */
    private static final Set<String> COMMON_DECLARATIONS = Set.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='UTF-8'?>",
            "<?xml version='1.0' encoding='utf-8'?>", "<?xml version='1.0'?>");

    private final String s;
    private final int maxDepth;
    private final int maxElements;
    private int pos;

    private PlainXmlReader(String s, int maxDepth, int maxElements) {
        this.s = s;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
    }

    /** Thrown inside to leave the fast path; never escapes {@link #read}. */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /** @return the document element, or {@code null} when the StAX path must decide */
    static XmlNode read(byte[] body, int maxDepth, int maxElements) {
        String text = decode(body);
        if (text == null) {
            return null;
        }
        try {
            return new PlainXmlReader(text, maxDepth, maxElements).document();
        } catch (NotPlain e) {
            return null;
        }
    }

    /**
     * Strict UTF-8 (an ASCII body without a decoder), a UTF-8 byte order mark skipped, line ends
     * read as XML 1.0 §2.11 says ({@link #lineEnds}); {@code null} when not UTF-8.
     */
    static String decode(byte[] body) {
        int from = 0;
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            from = 3;
        }
        int firstCr = -1;
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (b < 0) {
                String text = utf8(body, from);
                return text == null ? null : lineEnds(text);
            }
            if (b == '\r' && firstCr < 0) {
                firstCr = i;
            }
        }
        if (firstCr < 0) {
            return new String(body, from, body.length - from, StandardCharsets.ISO_8859_1);
        }
        // issue 11: an ASCII body's line ends in its bytes, one copy (was: a String, a char[] and another String)
        byte[] out = new byte[body.length - from];
        int n = firstCr - from;
        System.arraycopy(body, from, out, 0, n);
        for (int i = firstCr; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r') {
                out[n++] = '\n';
                if (i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b;
            }
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Strict UTF-8 from {@code from}; {@code null} when malformed. */
    private static String utf8(byte[] body, int from) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, from, body.length - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** XML 1.0 §2.11: CR LF and a lone CR are read as LF (SIP bodies use CR LF), in one pass. */
    static String lineEnds(String text) {
        int cr = text.indexOf('\r');
        if (cr < 0) {
            return text;
        }
        char[] out = new char[text.length()];
        text.getChars(0, cr, out, 0);
        int n = cr;
        for (int i = cr; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out[n++] = '\n';
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n);
    }

    private XmlNode document() throws NotPlain {
        if (s.startsWith("<?xml")) {
            int end = s.indexOf("?>");
            if (end < 0) {
                throw NotPlain.INSTANCE;
            }
            String declaration = s.substring(0, end + 2);
            if (!COMMON_DECLARATIONS.contains(declaration) && !DECLARATION.matcher(declaration).matches()) {
                throw NotPlain.INSTANCE;
            }
            pos = end + 2;
        }
        misc();
        if (pos >= s.length() || s.charAt(pos) != '<') {
            throw NotPlain.INSTANCE;
        }
        XmlNode root = content();
        misc();
        if (pos != s.length()) {
            throw NotPlain.INSTANCE;
        }
        return root;
    }

    /** White space and comments, before and after the document element. */
    private void misc() throws NotPlain {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n') {
                pos++;
            } else if (s.startsWith("<!--", pos)) {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() throws NotPlain {
        int end = s.indexOf("--", pos + 4);
        if (end < 0 || !s.startsWith("-->", end)) {
            throw NotPlain.INSTANCE; // unterminated, "--" inside, or ending in "-"
        }
        checkChars(pos + 4, end);
        pos = end + 3;
    }

    /** One element in scope, for the stack of {@link #content()}. */
    private static final class Open {
        final XmlNode node;
        final String qname;
        final Map<String, String> scope;

        Open(XmlNode node, String qname, Map<String, String> scope) {
            this.node = node;
            this.qname = qname;
            this.scope = scope;
        }
    }

    /** Reads the document element and everything inside it (iteratively: the depth is bounded anyway). */
    private XmlNode content() throws NotPlain {
        List<Open> stack = new ArrayList<>();
        Map<String, String> rootScope = new HashMap<>();
        rootScope.put("xml", XML_NS);
        rootScope.put("", "");
        XmlNode root = null;
        int elements = 0;
        while (true) {
            if (pos >= s.length()) {
                throw NotPlain.INSTANCE; // unclosed elements
            }
            char c = s.charAt(pos);
            if (c != '<') {
                if (stack.isEmpty()) {
                    throw NotPlain.INSTANCE;
                }
                stack.get(stack.size() - 1).node.appendText(text());
                continue;
            }
            if (s.startsWith("</", pos)) {
                if (stack.isEmpty()) {
                    throw NotPlain.INSTANCE;
                }
                pos += 2;
                String qname = name();
                skipSpace();
                expect('>');
                Open open = stack.remove(stack.size() - 1);
                if (!open.qname.equals(qname)) {
                    throw NotPlain.INSTANCE;
                }
                if (stack.isEmpty()) {
                    return root;
                }
            } else if (s.startsWith("<!--", pos)) {
                if (stack.isEmpty()) {
                    throw NotPlain.INSTANCE;
                }
                comment();
            } else if (s.startsWith("<![CDATA[", pos)) {
                if (stack.isEmpty()) {
                    throw NotPlain.INSTANCE;
                }
                int end = s.indexOf("]]>", pos + 9);
                if (end < 0) {
                    throw NotPlain.INSTANCE;
                }
                checkChars(pos + 9, end);
                stack.get(stack.size() - 1).node.appendText(s.substring(pos + 9, end));
                pos = end + 3;
            } else {
                if (root != null && stack.isEmpty()) {
                    throw NotPlain.INSTANCE; // a second document element
                }
                if (++elements > maxElements || stack.size() >= maxDepth) {
                    throw NotPlain.INSTANCE; // the StAX path reports the limit
                }
                Open open = startTag(stack.isEmpty() ? rootScope : stack.get(stack.size() - 1).scope);
                if (stack.isEmpty()) {
                    root = open.node;
                } else {
                    stack.get(stack.size() - 1).node.add(open.node);
                }
                if (s.startsWith("/>", pos)) {
                    pos += 2;
                    if (stack.isEmpty()) {
                        return root;
                    }
                } else {
                    expect('>');
                    stack.add(open);
                }
            }
        }
    }

    /** At {@code <name}: reads the name and the attributes, up to (not including) {@code >} or {@code />}. */
    private Open startTag(Map<String, String> parentScope) throws NotPlain {
        pos++;
        String qname = name();
        List<String[]> attributes = new ArrayList<>(4);
        Map<String, String> declared = null;
        List<String[]> declarations = null;
        while (true) {
            int before = pos;
            skipSpace();
            if (pos >= s.length()) {
                throw NotPlain.INSTANCE;
            }
            char c = s.charAt(pos);
            if (c == '>' || c == '/') {
                break;
            }
            if (pos == before) {
                throw NotPlain.INSTANCE; // attributes are separated by white space
            }
            if (attributes.size() + (declarations == null ? 0 : declarations.size()) >= MAX_ATTRIBUTES) {
                throw NotPlain.INSTANCE;
            }
            String name = name();
            skipSpace();
            expect('=');
            skipSpace();
            String value = attributeValue();
            if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                String prefix = name.equals("xmlns") ? "" : name.substring(6);
                if (prefix.equals("xml") || prefix.equals("xmlns") || (!prefix.isEmpty() && value.isEmpty())
                        || value.equals(XML_NS) || value.equals("http://www.w3.org/2000/xmlns/")) {
                    throw NotPlain.INSTANCE;
                }
                if (declared == null) {
                    declared = new HashMap<>(4);
                    declarations = new ArrayList<>(2);
                }
                if (declared.put(prefix, value) != null) {
                    throw NotPlain.INSTANCE; // declared twice
                }
                declarations.add(new String[] {prefix, value});
            } else {
                for (String[] a : attributes) {
                    if (a[0].equals(name)) {
                        throw NotPlain.INSTANCE; // the same attribute twice
                    }
                }
                attributes.add(new String[] {name, value});
            }
        }
        Map<String, String> scope = parentScope;
        if (declared != null) {
            scope = new HashMap<>(parentScope);
            scope.putAll(declared);
        }
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? "" : qname.substring(0, colon);
        String uri = scope.get(prefix);
        if (uri == null || prefix.equals("xmlns")) {
            throw NotPlain.INSTANCE; // an unbound prefix
        }
        XmlNode node = new XmlNode(uri, prefix, colon < 0 ? qname : qname.substring(colon + 1));
        if (declarations != null) {
            for (String[] d : declarations) {
                node.declareNamespace(d[0], d[1].isEmpty() ? null : d[1]); // xmlns="": StAX reports no URI
            }
        }
        Set<String> expanded = null;
        for (String[] a : attributes) {
            int ac = a[0].indexOf(':');
            if (ac >= 0) {
                String ap = a[0].substring(0, ac);
                String auri = scope.get(ap);
                if (auri == null || auri.isEmpty()) {
                    throw NotPlain.INSTANCE; // an unbound attribute prefix
                }
                if (expanded == null) {
                    expanded = new HashSet<>();
                }
                if (!expanded.add(auri + ' ' + a[0].substring(ac + 1))) {
                    throw NotPlain.INSTANCE; // the same attribute twice under two prefixes
                }
            }
            node.attribute(a[0], a[1]);
        }
        return new Open(node, qname, scope);
    }

    /** A name of ASCII letters, digits, {@code . - _}, starting with a letter or {@code _}, at most one {@code :} inside. */
    private String name() throws NotPlain {
        int start = pos;
        int colon = -1;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            boolean first = pos == start || pos == colon + 1;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
                pos++;
            } else if (!first && (c >= '0' && c <= '9' || c == '.' || c == '-')) {
                pos++;
            } else if (c == ':' && !first && colon < 0) {
                colon = pos++;
            } else {
                break;
            }
        }
        if (pos == start || pos == colon + 1) {
            throw NotPlain.INSTANCE;
        }
        return s.substring(start, pos);
    }

    private String attributeValue() throws NotPlain {
        if (pos >= s.length()) {
            throw NotPlain.INSTANCE;
        }
        char quote = s.charAt(pos);
        if (quote != '"' && quote != '\'') {
            throw NotPlain.INSTANCE;
        }
        int start = ++pos;
        StringBuilder b = null;
        while (true) {
            if (pos >= s.length()) {
                throw NotPlain.INSTANCE;
            }
            char c = s.charAt(pos);
            if (c == quote) {
                String v = b == null ? s.substring(start, pos) : b.append(s, start, pos).toString();
                pos++;
                return v;
            }
            if (c == '&') {
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(s, start, pos);
                reference(b);
                start = pos;
            } else if (c == '<' || c < 0x20) {
                throw NotPlain.INSTANCE; // '<' is not allowed; tab and newline would be normalized: StAX decides
            } else {
                checkChar(c);
                pos++;
            }
        }
    }

    /** Character data up to the next {@code <}. */
    private String text() throws NotPlain {
        int start = pos;
        StringBuilder b = null;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '<') {
                break;
            }
            if (c == '&') {
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(s, start, pos);
                reference(b);
                start = pos;
            } else {
                if (c == '>' && pos >= 2 && s.charAt(pos - 1) == ']' && s.charAt(pos - 2) == ']') {
                    throw NotPlain.INSTANCE; // "]]>" is not allowed in text
                }
                if (c != '\t' && c != '\n') {
                    checkChar(c);
                }
                pos++;
            }
        }
        return b == null ? s.substring(start, pos) : b.append(s, start, pos).toString();
    }

    /** At {@code &}: a predefined entity or a character reference, appended; anything else leaves the fast path. */
    private void reference(StringBuilder b) throws NotPlain {
        int semi = s.indexOf(';', pos);
        if (semi < 0 || semi - pos > 12) {
            throw NotPlain.INSTANCE;
        }
        String ref = s.substring(pos + 1, semi);
        switch (ref) {
            case "lt" -> b.append('<');
            case "gt" -> b.append('>');
            case "amp" -> b.append('&');
            case "quot" -> b.append('"');
            case "apos" -> b.append('\'');
            default -> {
                if (!ref.startsWith("#") || ref.length() < 2) {
                    throw NotPlain.INSTANCE;
                }
                boolean hex = ref.charAt(1) == 'x';
                String digits = ref.substring(hex ? 2 : 1);
                int cp = 0;
                if (digits.isEmpty()) {
                    throw NotPlain.INSTANCE;
                }
                for (int i = 0; i < digits.length(); i++) {
                    int d = Character.digit(digits.charAt(i), hex ? 16 : 10);
                    if (d < 0 || digits.charAt(i) > 'f') {
                        throw NotPlain.INSTANCE;
                    }
                    cp = cp * (hex ? 16 : 10) + d;
                    if (cp > 0x10FFFF) {
                        throw NotPlain.INSTANCE;
                    }
                }
                if (!(cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                        || cp >= 0x10000)) {
                    throw NotPlain.INSTANCE;
                }
                b.appendCodePoint(cp);
            }
        }
        pos = semi + 1;
    }

    private void checkChars(int from, int to) throws NotPlain {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\t' && c != '\n') {
                checkChar(c);
            }
        }
    }

    /** XML 1.0 characters only (carriage returns are gone: line ends were normalized first). */
    private static void checkChar(char c) throws NotPlain {
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            throw NotPlain.INSTANCE;
        }
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) throws NotPlain {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw NotPlain.INSTANCE;
        }
        pos++;
    }
}
