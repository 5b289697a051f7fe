package dev.siprec.siprec.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** XML safety: no DTD, no entities, bounded size, depth and element count. */
class SafeXmlReaderTest {
    private final SafeXmlReader reader = new SafeXmlReader(4096, 8, 50);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void doctypeRefused() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> reader.read(b("<?xml version='1.0'?><!DOCTYPE recording [<!ELEMENT recording ANY>]><recording/>")));
        assertTrue(e.getMessage().contains("DOCTYPE") || e.getMessage().contains("well-formed"), e.getMessage());
    }

    @Test
    void externalEntityNeverResolved() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><recording>&x;</recording>";
        MetadataException e = assertThrows(MetadataException.class, () -> reader.read(b(xxe)));
        assertTrue(!e.getMessage().contains("root:"), "no file content in the message");
    }

    @Test
    void billionLaughsRefused() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]><recording>&b;</recording>";
        assertThrows(MetadataException.class, () -> reader.read(b(bomb)));
    }

    @Test
    void sizeDepthAndCountBounded() {
        assertThrows(MetadataException.class, () -> reader.read(new byte[4097]));
        assertThrows(MetadataException.class, () -> reader.read(new byte[0]));
        assertThrows(MetadataException.class, () -> reader.read(b("<a>" + "<b>".repeat(9) + "</b>".repeat(9) + "</a>")));
        assertThrows(MetadataException.class, () -> reader.read(b("<a>" + "<b/>".repeat(50) + "</a>")));
    }

    @Test
    void malformedRefusedWithLine() {
        MetadataException e = assertThrows(MetadataException.class, () -> reader.read(b("<recording>\n<participant>\n</recording>")));
        assertTrue(e.getMessage().startsWith("metadata is not well-formed XML"), e.getMessage());
    }

    @Test
    void predefinedEntitiesAndCdataRead() throws Exception {
        XmlNode n = reader.read(b("<r><v>&lt;sip:a@b&gt;;x=&amp;</v><c><![CDATA[<raw>]]></c></r>"));
        assertEquals("<sip:a@b>;x=&", n.childText("v"));
        assertEquals("<raw>", n.childText("c"));
        assertEquals("<v>&lt;sip:a@b&gt;;x=&amp;</v>", n.child("v").toXml());
    }
}
