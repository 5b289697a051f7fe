package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ResponsesTest {

    @Test
    void aReasonUpToTheLimitIsCarriedWhole() {
        String reason = "no m-line acceptable: m-line 0 (audio RTP/SAVP): no acceptable a=crypto: a=crypto 1: suite "
                + "NULL_HMAC_SHA1_32 is not registered (no installed bundle provides it); a=crypto 2: suite "
                + "AES_CM_128_HMAC_SHA1_80 is disabled (dev.siprec.srtp suites.disabled)";
        assertTrue(reason.length() > 120);
        assertEquals(reason, Responses.warningText(reason));
        String exactly = "x".repeat(Responses.MAX_WARNING_BYTES);
        assertEquals(exactly, Responses.warningText(exactly));
    }

    @Test
    void aLongerReasonIsCutAtAWordWithAnEllipsisAndStaysWithinTheBound() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 2000; i++) {
            b.append("m-line ").append(i).append(" (audio RTP/SAVP): suite AEAD_AES_256_GCM is not registered; ");
        }
        String text = Responses.warningText(b.toString());
        assertTrue(text.endsWith("..."), text);
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= Responses.MAX_WARNING_BYTES, text);
        assertTrue(text.length() > 300, text);
        String head = text.substring(0, text.length() - 3);
        assertTrue(b.toString().startsWith(head), text);
        char next = b.charAt(head.length());
        assertTrue(next == ' ' || next == ';', "cut between words, not inside one: '" + next + "' after " + head);
    }

    @Test
    void multiByteCharactersAreCountedInBytesAndNeverSplit() {
        String input = "RFC 4568 §6.1 ".repeat(100);
        String text = Responses.warningText(input);
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= Responses.MAX_WARNING_BYTES);
        String head = text.substring(0, text.length() - 3);
        assertTrue(input.startsWith(head + " "), text);
        String noSpaces = Responses.warningText("é".repeat(300));
        assertTrue(noSpaces.endsWith("é..."), noSpaces);
        assertTrue(noSpaces.getBytes(StandardCharsets.UTF_8).length <= Responses.MAX_WARNING_BYTES);
    }

    @Test
    void quotesBackslashesAndControlsCannotBreakTheQuotedString() {
        assertEquals("a  b c  d", Responses.warningText("a\"\\b\rc\n\u0000d"));
        assertEquals("305 srs \"a b\"", Responses.warning(305, "a\"b").value());
    }

    @Test
    void describeGivesStatusReasonAndWarningForTheLog() {
        assertEquals("488 Not Acceptable Here: no m-line acceptable",
                Responses.describe(Responses.withWarning(488, "Not Acceptable Here", 305, "no m-line acceptable")));
        assertEquals("403 Forbidden (x)", Responses.describe(Responses.error(403, "Forbidden (x)")));
    }
}
