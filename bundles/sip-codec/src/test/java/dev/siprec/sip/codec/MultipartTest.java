package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MultipartTest {
    private final MultipartParser parser = new MultipartParser(SipLimits.defaults());

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void quotedBoundaryPreambleEpilogueAndPartHeaders() {
        String body = "This is the preamble.\r\n--simple boundary\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"
                + "\r\n--simple boundary\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: "
                + "recording-session\r\n  ;handling=required\r\n\r\n<recording/>\r\n--simple boundary--  \r\n"
                + "This is the epilogue.\r\n--simple boundary\r\nnot a part\r\n";
        List<BodyPart> parts = parser.parse("multipart/mixed; boundary=\"simple boundary\"", b(body));
        assertEquals(2, parts.size());
        assertArrayEquals(b("v=0\r\n"), parts.get(0).body());
        assertEquals("application/sdp", parts.get(0).contentType());
        assertEquals("recording-session ;handling=required", parts.get(1).contentDisposition());
        assertEquals("recording-session", parts.get(1).dispositionType());
        assertArrayEquals(b("<recording/>"), parts.get(1).body());
        assertEquals("application/rs-metadata+xml", parts.get(1).header("CONTENT-TYPE"));
    }

    @Test
    void bareLfAndPartsWithoutHeaders() {
        String body = "--b1\n\nplain text\n--b1\nContent-Type: text/html\n\n<p>\n--b1--\n";
        List<BodyPart> parts = parser.parse("multipart/mixed;boundary=b1", b(body));
        assertEquals(2, parts.size());
        assertNull(parts.get(0).contentType());
        assertEquals("text/plain", parts.get(0).mediaType());
        assertArrayEquals(b("plain text"), parts.get(0).body());
        assertArrayEquals(b("<p>"), parts.get(1).body());
    }

    @Test
    void boundaryPrefixInsideContentIsNotADelimiter() {
        String body = "--abc\r\n\r\n--abcdef is text\r\n--abc\r\n\r\nsecond\r\n--abc--";
        List<BodyPart> parts = parser.parse("multipart/mixed;boundary=abc", b(body));
        assertEquals(2, parts.size());
        assertArrayEquals(b("--abcdef is text"), parts.get(0).body());
        assertArrayEquals(b("second"), parts.get(1).body());
    }

    @Test
    void oneLevelOfNestingIsFlattened() {
        String inner = "--in\r\nContent-Type: text/plain\r\n\r\nA\r\n--in\r\nContent-Type: text/html\r\n\r\nB\r\n--in--";
        String body = "--out\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--out\r\nContent-Type: "
                + "multipart/alternative;boundary=in\r\n\r\n" + inner + "\r\n--out--\r\n";
        List<BodyPart> parts = parser.parse("multipart/mixed;boundary=out", b(body));
        assertEquals(List.of("application/sdp", "text/plain", "text/html"),
                parts.stream().map(BodyPart::mediaType).toList());
        String deeper = "--out\r\nContent-Type: multipart/mixed;boundary=in\r\n\r\n--in\r\nContent-Type: "
                + "multipart/mixed;boundary=deep\r\n\r\n--deep\r\n\r\nx\r\n--deep--\r\n--in--\r\n--out--";
        SipSyntaxException e = assertThrows(SipSyntaxException.class,
                () -> parser.parse("multipart/mixed;boundary=out", b(deeper)));
        assertTrue(e.reason().contains("nested"));
    }

    @Test
    void failures() {
        assertThrows(SipSyntaxException.class, () -> parser.parse("application/sdp", b("v=0")));
        assertThrows(SipSyntaxException.class, () -> parser.parse("multipart/mixed", b("--x\r\n\r\n--x--")));
        assertThrows(SipSyntaxException.class, () -> parser.parse("multipart/mixed;boundary=x", b("no delimiter")));
        assertThrows(SipSyntaxException.class, () -> parser.parse("multipart/mixed;boundary=x", b("--x\r\n\r\nopen")));
        assertThrows(SipSyntaxException.class, () -> parser.parse("multipart/mixed;boundary=x", b("--x--\r\n")));
        assertThrows(SipSyntaxException.class,
                () -> parser.parse("multipart/mixed;boundary=x", b("--x\r\nBad Header\r\n\r\nbody\r\n--x--")));
        assertThrows(SipSyntaxException.class,
                () -> parser.parse("multipart/mixed;boundary=\"" + "b".repeat(71) + "\"", b("--x--")));
        MultipartParser two = new MultipartParser(new SipLimits(65536, 16384, 256, 8192, 2));
        SipSyntaxException many = assertThrows(SipSyntaxException.class,
                () -> two.parse("multipart/mixed;boundary=x", b("--x\r\n\r\n1\r\n--x\r\n\r\n2\r\n--x\r\n\r\n3\r\n--x--")));
        assertTrue(many.reason().contains("more than 2 parts"));
    }

    @Test
    void writerRoundTrip() {
        byte[] sdp = b("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        byte[] xml = b("<?xml version=\"1.0\"?><recording xmlns=\"urn:ietf:params:xml:ns:recording:1\"/>");
        MultipartWriter w = new MultipartWriter().addPart("application/sdp", sdp)
                .addPart("application/rs-metadata+xml", "recording-session", xml);
        List<BodyPart> parts = parser.parse(w.contentType(), w.toByteArray());
        assertEquals(2, parts.size());
        assertArrayEquals(sdp, parts.get(0).body());
        assertArrayEquals(xml, parts.get(1).body());
        assertEquals("recording-session", parts.get(1).contentDisposition());
        MultipartWriter spaced = new MultipartWriter("with space").addPart("text/plain", b("x"));
        assertEquals("multipart/mixed;boundary=\"with space\"", spaced.contentType());
        assertArrayEquals(b("x"), parser.parse(spaced.contentType(), spaced.toByteArray()).get(0).body());
    }

    @Test
    void writerRejectsBadInput() {
        MultipartWriter w = new MultipartWriter("abc");
        assertThrows(IllegalArgumentException.class, () -> w.addPart("text/plain", b("x\r\n--abc\r\n")));
        Map<String, String> evil = new LinkedHashMap<>();
        evil.put("Content-Type", "text/plain\r\nX-Injected: 1");
        assertThrows(IllegalArgumentException.class, () -> w.addPart(evil, b("x")));
        assertThrows(IllegalStateException.class, w::toByteArray);
        assertThrows(IllegalArgumentException.class, () -> new MultipartWriter("bad\"quote"));
        assertThrows(IllegalArgumentException.class, () -> new MultipartWriter("trailing "));
    }

    @Test
    void bodyPartIsImmutable() {
        byte[] content = b("abc");
        BodyPart p = new BodyPart(Map.of("Content-Type", "text/plain"), "text/plain", null, content);
        content[0] = 'x';
        assertArrayEquals(b("abc"), p.body());
        p.body()[0] = 'y';
        assertArrayEquals(b("abc"), p.body());
        assertThrows(UnsupportedOperationException.class, () -> p.headers().put("a", "b"));
        assertEquals("BodyPart[text/plain, 3 bytes]", p.toString());
    }
}
