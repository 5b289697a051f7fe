package dev.siprec.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipHeader;

/** The value types of the API guard their invariants. */
class ContractsTest {

    @Test
    void headerRejectsInjection() {
        assertThrows(IllegalArgumentException.class, () -> new SipHeader("X-Test", "a\r\nVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> new SipHeader("X-Test\r\n", "a"));
        assertThrows(IllegalArgumentException.class, () -> new SipHeader("Bad:Name", "a"));
        assertThrows(IllegalArgumentException.class, () -> new SipHeader("", "a"));
        assertEquals("120", new SipHeader("Retry-After", "120").value());
    }

    @Test
    void responseValidatesStatusAndCopiesBody() {
        assertThrows(IllegalArgumentException.class, () -> OutgoingResponse.of(99));
        assertThrows(IllegalArgumentException.class, () -> OutgoingResponse.of(700));
        assertThrows(NullPointerException.class, () -> new OutgoingResponse(200, null, List.of(), null, new byte[] {1}));
        byte[] body = "v=0\r\n".getBytes();
        OutgoingResponse r = new OutgoingResponse(200, "OK", List.of(), "application/sdp", body);
        body[0] = 'x';
        assertEquals('v', r.body()[0], "body is copied in");
        r.body()[0] = 'y';
        assertEquals('v', r.body()[0], "body is copied out");
        assertArrayEquals(new byte[0], OutgoingResponse.of(200).body());
        assertEquals(1, OutgoingResponse.of(503, null, new SipHeader("Retry-After", "5")).headers().size());
    }

    @Test
    void recordsCopyTheirLists() {
        var participants = new java.util.ArrayList<String>(List.of("s1"));
        var p = new dev.siprec.recording.api.Participant("p1", "sip:alice@example.com", "Alice", participants, List.of(), null, null);
        participants.add("s2");
        assertEquals(List.of("s1"), p.sends());
        assertThrows(UnsupportedOperationException.class, () -> p.sends().add("x"));
    }

    @Test
    void tlsSpecNeverPrintsPasswords() {
        var spec = new dev.siprec.keys.api.TlsCredentialSpec("default", null, null, "/etc/ks.p12", "hunter2".toCharArray(),
                null, "trustpw".toCharArray());
        assertFalse(spec.toString().contains("hunter2"));
        assertFalse(spec.toString().contains("trustpw"));
        assertTrue(spec.toString().contains("/etc/ks.p12"));
    }
}
