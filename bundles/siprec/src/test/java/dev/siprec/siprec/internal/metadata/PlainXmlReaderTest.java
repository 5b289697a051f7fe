package dev.siprec.siprec.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The fast path of the metadata reader (issue 11) must build exactly the tree the StAX path builds,
 * and must leave every document it is not sure about to the StAX path (which refuses or reads it).
 */
class PlainXmlReaderTest {
    private static final String[] VENDOR = {"rfc7865.xml", "element-ids.xml", "ribbon-tns.xml", "avaya-update.xml",
        "audiocodes.xml", "opensips.xml", "broadworks-draft.xml", "avaya-initial.xml", "oracle-acme.xml", "cisco.xml"};
    private static final int DEPTH = SafeXmlReader.DEFAULT_MAX_DEPTH;
    private static final int ELEMENTS = SafeXmlReader.DEFAULT_MAX_ELEMENTS;

    private final SafeXmlReader stax = new SafeXmlReader();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PlainXmlReaderTest.class.getResourceAsStream("/metadata/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    private void sameTree(byte[] body) throws MetadataException {
        XmlNode plain = PlainXmlReader.read(body, DEPTH, ELEMENTS);
        assertNotNull(plain, () -> "the plain reader left a plain document: " + new String(body, StandardCharsets.UTF_8));
        assertEquals(stax.readWithStax(body).structure(), plain.structure());
    }

    @Test
    void vendorMetadataReadLikeStax() throws Exception {
        for (String name : VENDOR) {
            byte[] body = resource(name);
            sameTree(body);
            String crlf = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
            sameTree(b(crlf)); // as a SIP body carries it
        }
        sameTree(b("<r>a\rb\r\nc\n\rd&#13;e<![CDATA[\r\n]]></r>\r\n"));
    }

    @Test
    void namespacesPrefixesEntitiesCdataCommentsReadLikeStax() throws Exception {
        sameTree(b("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<recording xmlns='urn:ietf:params:xml:ns:recording:1'>"
                + "<datamode>complete</datamode><!-- a comment --><group group_id=\"g1\"><associate-time>"
                + "2026-12-03T10:00:00Z</associate-time></group></recording>\n"));
        sameTree(b("<r:recording xmlns:r=\"urn:ietf:params:xml:ns:recording:1\" xmlns:x=\"urn:x\" x:a=\"1\" b='2'>"
                + "<r:participant participant_id=\"p\"><r:nameID aor=\"sip:a@b\"><r:name xml:lang=\"it\">Al &amp; Bo"
                + " &lt;&gt;&quot;&apos; &#65;&#x42;&#x1F600; é ü 中</r:name></r:nameID></r:participant>"
                + "<x:ext><x:v><![CDATA[<raw> & ]]]></x:v>mixed<!--c-->text</x:ext><plain xmlns=\"\"/></r:recording>"));
        sameTree(b("\uFEFF<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\">\t<a>x</a>\n</recording><!-- after -->\n"));
        sameTree(b("<?xml version='1.0' standalone='yes'?><a><b/><b></b><c d=\"&gt;]]\"/>]&gt;</a>"));
        sameTree(b("<a xmlns:p='urn:p'><p:b xmlns:p='urn:q' p:c='1'/><p:b/></a>"));
    }

    @Test
    void commonDeclarationsAndLineEnds() throws Exception {
        for (String d : new String[] {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='utf-8'?>",
            "<?xml version='1.0'?>", "<?xml  version = '1.0'  encoding = \"Utf-8\"  standalone='no' ?>"}) {
            sameTree(b(d + "\r\n<r>x</r>"));
        }
        assertEquals("a\nb\nc\n\nd\n", PlainXmlReader.lineEnds("a\r\nb\rc\n\r\nd\r"));
        assertEquals("plain", PlainXmlReader.lineEnds("plain"));
    }

    @Test
    void decodeReadsLineEndsInAsciiAndUtf8Alike() {
        String[] texts = {"a\r\nb\rc\n\r\nd\r", "plain", "", "\r", "\r\n", "\r\r\n\n", "x\ré\r\nü", "中\r", "\ud83d\ude00\r\n"};
        for (String t : texts) {
            byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
            assertEquals(PlainXmlReader.lineEnds(t), PlainXmlReader.decode(utf8), t);
            byte[] bom = new byte[utf8.length + 3];
            bom[0] = (byte) 0xEF;
            bom[1] = (byte) 0xBB;
            bom[2] = (byte) 0xBF;
            System.arraycopy(utf8, 0, bom, 3, utf8.length);
            assertEquals(PlainXmlReader.lineEnds(t), PlainXmlReader.decode(bom), t);
        }
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(40); k > 0; k--) {
                sb.append("ab\r\n<é".charAt(r.nextInt(r.nextInt(10) == 0 ? 6 : 5)));
            }
            String t = sb.toString();
            assertEquals(PlainXmlReader.lineEnds(t), PlainXmlReader.decode(t.getBytes(StandardCharsets.UTF_8)), t);
        }
        assertNull(PlainXmlReader.decode(new byte[] {'a', '\r', (byte) 0xC3}), "malformed UTF-8");
        assertNull(PlainXmlReader.decode(new byte[] {'\r', (byte) 0xFF, '\n'}), "malformed UTF-8");
    }

    @Test
    void everythingOutsideThePlainSubsetIsLeftToStax() {
        String[] left = {
            "<?xml version='1.0'?><!DOCTYPE recording [<!ELEMENT recording ANY>]><recording/>",
            "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><r>&x;</r>",
            "<r>&x;</r>",
            "<r>&#0;</r>",
            "<r>&#xD800;</r>",
            "<?xml version='1.0' encoding='ISO-8859-1'?><r/>",
            "<?xml version='1.1'?><r/>",
            " <?xml version='1.0'?><r/>",
            "<?pi x?><r/>",
            "<r><?pi x?></r>",
            "<r a='x\r\ny'/>",
            "<r a='x\ty'/>",
            "<r a='<'/>",
            "<r a='1' a='2'/>",
            "<r xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/>",
            "<p:r/>",
            "<r p:a='1'/>",
            "<r xmlns:p=''/>",
            "<r><a></b></r>",
            "<r><a></r>",
            "<r>",
            "<r/><r/>",
            "<r/>text",
            "text<r/>",
            "<r>]]></r>",
            "<r><!-- a -- b --></r>",
            "<r><!-- a ---></r>",
            "<r a='1'b='2'/>",
            "<1r/>",
            "<r:/>",
            "<a:b:c/>",
            "<r>\u0001</r>",
            "",
        };
        for (String doc : left) {
            assertNull(PlainXmlReader.read(b(doc), DEPTH, ELEMENTS), doc);
        }
        assertNull(PlainXmlReader.read(new byte[] {'<', 'r', '>', (byte) 0xC3, '<', '/', 'r', '>'}, DEPTH, ELEMENTS),
                "malformed UTF-8");
        assertNull(PlainXmlReader.read(b("<?xml version='1.0' encoding='UTF-16'?><r/>"), DEPTH, ELEMENTS));
    }

    @Test
    void limitsAreLeftToStaxWhichReportsThem() {
        SafeXmlReader small = new SafeXmlReader(4096, 8, 50);
        String deep = "<a>".repeat(9) + "</a>".repeat(9);
        assertNull(PlainXmlReader.read(b(deep), 8, 50));
        MetadataException e = assertThrows(MetadataException.class, () -> small.read(b(deep)));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
        String many = "<r>" + "<a/>".repeat(50) + "</r>";
        assertNull(PlainXmlReader.read(b(many), 8, 50));
        e = assertThrows(MetadataException.class, () -> small.read(b(many)));
        assertTrue(e.getMessage().contains("more than 50"), e.getMessage());
        StringBuilder attrs = new StringBuilder("<r");
        for (int i = 0; i < PlainXmlReader.MAX_ATTRIBUTES + 1; i++) {
            attrs.append(" a").append(i).append("='1'");
        }
        assertNull(PlainXmlReader.read(b(attrs.append("/>").toString()), DEPTH, ELEMENTS));
    }

    /**
     * Mutations of real metadata (bytes dropped, duplicated or replaced by XML's special characters):
     * whatever the plain reader accepts, StAX accepts too and reads into the same tree.
     */
    @Test
    void mutatedDocumentsNeverAcceptedWhereStaxRefuses() throws Exception {
        Random random = new Random(11);
        byte[] specials = b("<>&;'\"=/:!?-[]# \n\r\tx\u00e9");
        List<byte[]> seeds = new ArrayList<>();
        for (String name : VENDOR) {
            seeds.add(resource(name));
        }
        seeds.add(b("<r xmlns='u' xmlns:p='v'><p:a p:x='1' y=\"&amp;\"><![CDATA[c]]><!--k--></p:a>&#65;</r>"));
        int accepted = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] doc = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                doc = mutate(doc, random, specials);
            }
            XmlNode plain = PlainXmlReader.read(doc, DEPTH, ELEMENTS);
            if (plain == null) {
                continue;
            }
            accepted++;
            final byte[] d = doc;
            XmlNode viaStax;
            try {
                viaStax = stax.readWithStax(doc);
            } catch (MetadataException e) {
                throw new AssertionError("plain reader accepted what StAX refuses (" + e.getMessage() + "): "
                        + new String(d, StandardCharsets.UTF_8));
            }
            assertEquals(viaStax.structure(), plain.structure(), () -> new String(d, StandardCharsets.UTF_8));
        }
        assertTrue(accepted > 100, "the mutations left some plain documents: " + accepted);
    }

    private static byte[] mutate(byte[] doc, Random random, byte[] specials) {
        if (doc.length < 2) {
            return doc;
        }
        int at = random.nextInt(doc.length);
        byte[] out;
        switch (random.nextInt(3)) {
            case 0 -> { // drop a byte
                out = new byte[doc.length - 1];
                System.arraycopy(doc, 0, out, 0, at);
                System.arraycopy(doc, at + 1, out, at, doc.length - at - 1);
            }
            case 1 -> { // insert a special byte
                out = new byte[doc.length + 1];
                System.arraycopy(doc, 0, out, 0, at);
                out[at] = specials[random.nextInt(specials.length)];
                System.arraycopy(doc, at, out, at + 1, doc.length - at);
            }
            default -> { // replace a byte
                out = doc.clone();
                out[at] = specials[random.nextInt(specials.length)];
            }
        }
        return out;
    }
}
