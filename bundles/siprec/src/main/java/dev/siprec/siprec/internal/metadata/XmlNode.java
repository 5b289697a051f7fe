package dev.siprec.siprec.internal.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small immutable-after-build XML element tree: what {@link SafeXmlReader} produces. Names are
 * compared through {@link #key(String)} so that {@code dataMode}, {@code datamode},
 * {@code data-mode} and {@code data_mode} are the same name (the dialects recording clients send).
 */
public final class XmlNode {
    private final String namespace;
    private final String prefix;
    private final String localName;
    /** {@link #key(String)} of the local name, computed once: every child lookup compares it (issue 11 profile). */
    private final String key;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> namespaceDeclarations = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlNode(String namespace, String prefix, String localName) {
        this.namespace = namespace == null ? "" : namespace;
        this.prefix = prefix == null ? "" : prefix;
        this.localName = localName;
        this.key = key(localName);
    }

    /** @return the name folded for comparison: lower case without {@code -} and {@code _}. */
    public static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    void attribute(String name, String value) {
        attributes.put(name, value);
    }

    void declareNamespace(String declaredPrefix, String uri) {
        namespaceDeclarations.put(declaredPrefix == null ? "" : declaredPrefix, uri);
    }

    void add(XmlNode child) {
        children.add(child);
    }

    void appendText(String s) {
        text.append(s);
    }

    public String namespace() {
        return namespace;
    }

    public String localName() {
        return localName;
    }

    /** @return the folded local name, see {@link #key(String)}. */
    public String key() {
        return key;
    }

    public List<XmlNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** @return the element's own text, trimmed; empty when none. */
    public String text() {
        return text.toString().strip();
    }

    /** @return the value of the first attribute whose folded name is one of {@code names}, or {@code null}. */
    public String attr(String... names) {
        for (String n : names) {
            String k = key(n);
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String local = e.getKey().substring(e.getKey().indexOf(':') + 1);
                if (key(local).equals(k)) {
                    return e.getValue().strip();
                }
            }
        }
        return null;
    }

    /** @return the first child whose folded name is one of {@code names}, or {@code null}. */
    public XmlNode child(String... names) {
        for (XmlNode c : children) {
            for (String n : names) {
                if (c.key().equals(key(n))) {
                    return c;
                }
            }
        }
        return null;
    }

    /** @return the children whose folded name is {@code name}. */
    public List<XmlNode> all(String name) {
        String k = key(name);
        return children.stream().filter(c -> c.key().equals(k)).toList();
    }

    /** @return the trimmed text of the first child named one of {@code names}, or {@code null} when absent or empty. */
    public String childText(String... names) {
        XmlNode c = child(names);
        if (c == null || c.text().isEmpty()) {
            return null;
        }
        return c.text();
    }

    /** @return an attribute named one of {@code names}, else the text of such a child element (ids come both ways). */
    public String attrOrChild(String... names) {
        String a = attr(names);
        return a != null && !a.isEmpty() ? a : childText(names);
    }

    /** @return the element serialized as XML with its prefixes and namespace declarations (extension data kept as sent). */
    public String toXml() {
        Map<String, String> inherited = new LinkedHashMap<>();
        collectUndeclared(this, new LinkedHashMap<>(), inherited);
        StringBuilder b = new StringBuilder();
        write(b, inherited);
        return b.toString();
    }

    /** Prefixes used in the subtree but declared on an ancestor: declared on the serialized root, so it stands alone. */
    private static void collectUndeclared(XmlNode n, Map<String, String> inScope, Map<String, String> out) {
        Map<String, String> scope = new LinkedHashMap<>(inScope);
        scope.putAll(n.namespaceDeclarations);
        if (!n.namespace.isEmpty() && !n.namespace.equals(scope.get(n.prefix))) {
            out.putIfAbsent(n.prefix, n.namespace);
            scope.put(n.prefix, n.namespace);
        }
        for (XmlNode c : n.children) {
            collectUndeclared(c, scope, out);
        }
    }

    private void write(StringBuilder b, Map<String, String> extra) {
        String qname = prefix.isEmpty() ? localName : prefix + ":" + localName;
        b.append('<').append(qname);
        Map<String, String> decl = new LinkedHashMap<>(extra);
        decl.putAll(namespaceDeclarations);
        decl.forEach((p, uri) -> b.append(p.isEmpty() ? " xmlns" : " xmlns:" + p).append("=\"")
                .append(escape(uri)).append('"'));
        attributes.forEach((n, v) -> b.append(' ').append(n).append("=\"").append(escape(v)).append('"'));
        if (children.isEmpty() && text.length() == 0) {
            b.append("/>");
            return;
        }
        b.append('>');
        if (children.isEmpty()) {
            b.append(escape(text.toString()));
        } else {
            for (XmlNode c : children) {
                c.write(b, Map.of());
            }
        }
        b.append("</").append(qname).append('>');
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Everything the reader put into this node and its subtree, raw text included: for tests that compare two readers. */
    String structure() {
        StringBuilder b = new StringBuilder();
        structure(b);
        return b.toString();
    }

    private void structure(StringBuilder b) {
        b.append('{').append(namespace).append('|').append(prefix).append('|').append(localName)
                .append(" ns=").append(namespaceDeclarations).append(" attrs=").append(attributes)
                .append(" text=[").append(text).append("] children=[");
        for (XmlNode c : children) {
            c.structure(b);
        }
        b.append("]}");
    }

    @Override
    public String toString() {
        return "XmlNode[" + localName + ", " + children.size() + " children]";
    }
}
