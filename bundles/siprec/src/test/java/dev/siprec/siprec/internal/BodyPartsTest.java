package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.codec.SipLimits;

/** Multipart variants of recording INVITEs (RFC 7866 §9, RFC 2046 §5.1). */
class BodyPartsTest {
    private final BodyParts parts = new BodyParts(SipLimits.defaults());
    private static final String B = Harness.BOUNDARY;

    private BodyParts.Extracted extract(String type, String body) throws BodyParts.BodyException {
        return parts.extract(new FakeSip.Request("INVITE").body(type, body));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void bothOrdersWithAndWithoutDisposition() throws Exception {
        for (boolean first : new boolean[] {true, false}) {
            for (boolean disp : new boolean[] {true, false}) {
                BodyParts.Extracted e = extract("multipart/mixed;boundary=" + B, Harness.multipart("v=0\r\n", "<recording/>", first, disp));
                assertEquals("v=0\r\n", text(e.sdp()));
                assertEquals("<recording/>", text(e.metadata()));
            }
        }
    }

    @Test
    void lfOnlyPreambleAndQuotedBoundary() throws Exception {
        String body = "preamble\n--" + B + "\nContent-Type: application/sdp\n\nv=0\n--" + B
                + "\ncontent-type: Application/RS-Metadata+XML\n\n<recording/>\n--" + B + "--\nepilogue";
        BodyParts.Extracted e = extract("multipart/mixed; boundary=\"" + B + "\"", body);
        assertEquals("v=0", text(e.sdp()));
        assertEquals("<recording/>", text(e.metadata()));
    }

    @Test
    void singleBodies() throws Exception {
        assertEquals("v=0", text(extract("application/sdp", "v=0").sdp()));
        BodyParts.Extracted md = extract("application/rs-metadata", "<recording/>");
        assertNull(md.sdp());
        assertEquals("<recording/>", text(md.metadata()));
        BodyParts.Extracted none = parts.extract(new FakeSip.Request("INVITE"));
        assertNull(none.sdp());
        assertNull(none.metadata());
    }

    @Test
    void refusals() {
        assertEquals(415, assertThrows(BodyParts.BodyException.class, () -> extract("text/html", "<p/>")).status());
        assertEquals(400, assertThrows(BodyParts.BodyException.class,
                () -> extract("multipart/mixed", "--x\r\n\r\nv=0\r\n--x--")).status(), "no boundary");
        String twoSdp = "--" + B + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--" + B
                + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--" + B + "--";
        assertEquals(400, assertThrows(BodyParts.BodyException.class, () -> extract("multipart/mixed;boundary=" + B, twoSdp)).status());
        String onlyOther = "--" + B + "\r\nContent-Type: text/plain\r\n\r\nhi\r\n--" + B + "--";
        assertEquals(415, assertThrows(BodyParts.BodyException.class, () -> extract("multipart/mixed;boundary=" + B, onlyOther)).status());
        String required = "--" + B + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--" + B
                + "\r\nContent-Type: application/x-foo\r\nContent-Disposition: render;handling=required\r\n\r\nx\r\n--" + B + "--";
        assertEquals(415, assertThrows(BodyParts.BodyException.class, () -> extract("multipart/mixed;boundary=" + B, required)).status());
        String optional = required.replace("handling=required", "handling=optional");
        try {
            assertEquals("v=0", text(extract("multipart/mixed;boundary=" + B, optional).sdp()));
        } catch (BodyParts.BodyException e) {
            throw new AssertionError(e);
        }
        assertTrue(BodyParts.ACCEPTED.contains("multipart/mixed"));
    }
}
