package dev.siprec.siprec.internal.metadata;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML body into an {@link XmlNode} tree, safely: a DOCTYPE is refused (so no DTD, no
 * entity expansion, no external entity can be reached), external access is disabled, and the body
 * size, nesting depth, element count and text length are bounded. A plain UTF-8 document, the
 * usual case, is read by {@link PlainXmlReader} without building a StAX reader; anything else, and
 * every refusal, goes through the StAX reader. Thread-safe.
 */
public final class SafeXmlReader {
    /** Largest metadata body accepted by default: 256 KiB. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    /** Deepest element nesting accepted by default. */
    public static final int DEFAULT_MAX_DEPTH = 24;
    /** Most elements accepted by default. */
    public static final int DEFAULT_MAX_ELEMENTS = 10_000;

    private final int maxBytes;
    private final int maxDepth;
    private final int maxElements;
    private final XMLInputFactory factory;

    public SafeXmlReader() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
    }

    public SafeXmlReader(int maxBytes, int maxDepth, int maxElements) {
        if (maxBytes < 64 || maxDepth < 2 || maxElements < 2) {
            throw new IllegalArgumentException("XML limits too small");
        }
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own parser, whatever bundles provide
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        this.factory = f;
    }

    private static void trySet(XMLInputFactory f, String name, Object value) {
        try {
            f.setProperty(name, value);
        } catch (IllegalArgumentException e) {
            // an implementation without the JAXP 1.5 properties: DTDs are refused anyway
        }
    }

    /**
     * @return the document element
     * @throws MetadataException when the body is empty, too large, too deep, has too many elements,
     *         carries a DOCTYPE or is not well-formed
     */
    public XmlNode read(byte[] body) throws MetadataException {
        if (body.length == 0) {
            throw new MetadataException("empty metadata body");
        }
        if (body.length > maxBytes) {
            throw new MetadataException("metadata body larger than " + maxBytes + " bytes");
        }
        XmlNode plain = PlainXmlReader.read(body, maxDepth, maxElements);
        return plain != null ? plain : readWithStax(body);
    }

    /** The general path: every document the plain reader leaves, with the exact error of each refusal. */
    XmlNode readWithStax(byte[] body) throws MetadataException {
        if (body.length == 0) {
            throw new MetadataException("empty metadata body");
        }
        if (body.length > maxBytes) {
            throw new MetadataException("metadata body larger than " + maxBytes + " bytes");
        }
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            return tree(r);
        } catch (XMLStreamException | RuntimeException e) {
            throw new MetadataException("metadata is not well-formed XML" + position(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
    }

    private XmlNode tree(XMLStreamReader r) throws XMLStreamException, MetadataException {
        Deque<XmlNode> stack = new ArrayDeque<>();
        XmlNode root = null;
        int elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                     XMLStreamConstants.NOTATION_DECLARATION ->
                        throw new MetadataException("DOCTYPE and entities are not allowed in metadata");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > maxElements) {
                        throw new MetadataException("metadata has more than " + maxElements + " elements");
                    }
                    if (stack.size() >= maxDepth) {
                        throw new MetadataException("metadata nested deeper than " + maxDepth + " levels");
                    }
                    XmlNode n = element(r);
                    if (stack.isEmpty()) {
                        root = n;
                    } else {
                        stack.peek().add(n);
                    }
                    stack.push(n);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().appendText(r.getText());
                    }
                }
                default -> { }
            }
        }
        if (root == null) {
            throw new MetadataException("metadata has no document element");
        }
        return root;
    }

    private static XmlNode element(XMLStreamReader r) {
        XmlNode n = new XmlNode(r.getNamespaceURI(), r.getPrefix(), r.getLocalName());
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            n.declareNamespace(r.getNamespacePrefix(i), r.getNamespaceURI(i));
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String p = r.getAttributePrefix(i);
            String name = p == null || p.isEmpty() ? r.getAttributeLocalName(i) : p + ":" + r.getAttributeLocalName(i);
            n.attribute(name, r.getAttributeValue(i));
        }
        return n;
    }

    private static String position(Exception e) {
        if (e instanceof XMLStreamException x && x.getLocation() != null && x.getLocation().getLineNumber() > 0) {
            return " (line " + x.getLocation().getLineNumber() + ")";
        }
        return "";
    }
}
