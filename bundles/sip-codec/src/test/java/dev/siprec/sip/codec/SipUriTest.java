package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SipUriTest {

    @Test
    void fullSipUri() {
        SipUri u = SipUri.parse("sips:alice:secret@Example.COM:5061;Transport=TLS;lr;maddr=239.255.255.1?Subject=Hi%20there&Priority=urgent");
        assertEquals("sips", u.scheme());
        assertTrue(u.isSecure());
        assertEquals("alice", u.user());
        assertEquals("secret", u.password());
        assertEquals("Example.COM", u.host());
        assertEquals(5061, u.port());
        assertEquals("tls", u.transport());
        assertEquals("TLS", u.param("transport"));
        assertTrue(u.lr());
        assertEquals("239.255.255.1", u.maddr());
        assertEquals("Hi there", u.header("subject"));
        assertEquals(List.of(new SipUri.Param("Subject", "Hi there"), new SipUri.Param("Priority", "urgent")), u.headers());
        assertEquals("sips:alice:secret@Example.COM:5061;Transport=TLS;lr;maddr=239.255.255.1?Subject=Hi%20there&Priority=urgent",
                u.toString());
    }

    @Test
    void hostsAndPorts() {
        assertEquals("[2001:db8::1]", SipUri.parse("sip:[2001:db8::1]").host());
        assertEquals(-1, SipUri.parse("sip:[2001:db8::1]").port());
        assertEquals(5060, SipUri.parse("sip:u@[::1]:5060").port());
        assertEquals("[::ffff:10.0.0.1]", SipUri.parse("sip:[::ffff:10.0.0.1]").host());
        assertEquals("[1:2:3:4:5:6:7:8]", SipUri.parse("sip:[1:2:3:4:5:6:7:8]").host());
        assertEquals("192.0.2.1", SipUri.parse("sip:192.0.2.1:0").host());
        assertEquals("example.com.", SipUri.parse("sip:example.com.").host());
        assertEquals(65535, SipUri.parse("sip:h:65535").port());
        assertNull(SipUri.parse("sip:h").user());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:", "sip:@host", "sip:u@", "sip:h:", "sip:h:65536", "sip:h:123456", "sip:h:x",
        "sip:[::1", "sip:[::g]", "sip:[1::2::3]", "sip:[1:2:3:4:5:6:7:8:9]", "sip:[1:2:3]", "sip:-h.com",
        "sip:h-.com", "sip:h..com", "sip:256.1.1.1", "sip:1.2.3", "sip:u%2@h", "sip:u%zz@h", "sip:u@h;", "sip:u@h;a=",
        "sip:u@h?", "sip:u@h?x", "sip:u<>@h", "sip:u@h h", "sip:u@h;p=a b", "http://example.com", "nocolon",
        ":empty", "tel:", "tel:+", "tel:12;", "tel:1 2"})
    void malformed(String uri) {
        assertThrows(SipSyntaxException.class, () -> SipUri.parse(uri));
    }

    @Test
    void escapesAreDecodedOnceAndReEncodedWhenRebuilt() {
        SipUri u = SipUri.parse("sip:%61lice%20b@h;n%61me=v%25%34%31");
        assertEquals("alice b", u.user());
        assertEquals("v%41", u.param("name"));
        SipUri rebuilt = u.withParam("x", "a b");
        assertEquals("sip:alice%20b@h;name=v%2541;x=a%20b", rebuilt.toString());
        assertEquals("a b", SipUri.parse(rebuilt.toString()).param("x"));
        assertEquals("sip:\u00e9@h", "sip:" + SipUri.parse("sip:%C3%A9@h").user() + "@h");
    }

    @Test
    void parameterEditing() {
        SipUri u = SipUri.parse("sip:srs@h;transport=udp;lr");
        assertEquals("sip:srs@h;transport=tcp;lr", u.withParam("TRANSPORT", "tcp").toString());
        assertEquals("sip:srs@h;transport=udp", u.withoutParam("lr").toString());
        assertEquals(u, u.withoutParam("nope"));
        assertEquals("sip:srs@h", SipUri.parse("sip:srs@h?a=b").withoutHeaders().toString());
    }

    @Test
    void telUri() {
        SipUri t = SipUri.parse("tel:+1-201-555-0123;phone-context=example.com");
        assertEquals("tel", t.scheme());
        assertEquals("+1-201-555-0123", t.user());
        assertNull(t.host());
        assertEquals("example.com", t.param("phone-context"));
        assertEquals("tel:+1-201-555-0123;phone-context=example.com", t.toString());
        assertEquals("7042", SipUri.parse("TEL:7042;phone-context=+1").user());
    }

    @Test
    void schemes() {
        assertTrue(SipUri.isSupportedScheme("SIP:a@b"));
        assertFalse(SipUri.isSupportedScheme("urn:service:sos"));
        assertTrue(SipUri.isAbsoluteUri("urn:service:sos"));
        assertTrue(SipUri.isAbsoluteUri("soap.beep://192.0.2.103:3002"));
        assertFalse(SipUri.isAbsoluteUri("<sip:a@b>"));
        assertFalse(SipUri.isAbsoluteUri("sip:a b"));
        assertFalse(SipUri.isAbsoluteUri("1sip:a"));
        assertFalse(SipUri.isAbsoluteUri("sip:"));
        SipSyntaxException e = assertThrows(SipSyntaxException.class, () -> SipUri.parse("im:alice@example.com"));
        assertEquals("URI: unsupported scheme im", e.reason());
    }

    /** RFC 3261 §19.1.4: the equivalent and non-equivalent examples of the RFC. */
    @Test
    void equivalence() {
        assertTrue(eq("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
        assertTrue(eq("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
        assertTrue(eq("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5"));
        assertTrue(eq("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
        assertTrue(eq("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
        assertFalse(eq("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
        assertFalse(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
        assertFalse(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
        assertFalse(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
        assertFalse(eq("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
        assertFalse(eq("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
        assertFalse(eq("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));
        assertFalse(eq("sip:a@h", "sips:a@h"));
    }

    private static boolean eq(String a, String b) {
        boolean ab = SipUri.parse(a).equivalent(SipUri.parse(b));
        assertEquals(ab, SipUri.parse(b).equivalent(SipUri.parse(a)), "symmetric");
        return ab;
    }
}
