package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** RFC 5952 text for every address the server writes. */
class AddressLiteralTest {

    @Test
    void ipv6IsCompressedAndBracketedIpv4AsIs() throws Exception {
        assertEquals("[2001:db8::5]", AddressLiteral.of(InetAddress.getByName("2001:0db8:0:0:0:0:0:5")));
        assertEquals("[::1]", AddressLiteral.of(InetAddress.getByName("::1")));
        assertEquals("[2001:db8:0:1:1:1:1:1]", AddressLiteral.of(InetAddress.getByName("2001:db8:0:1:1:1:1:1")), "one zero group stays");
        assertEquals("[2001:db8::1:0:0:1]", AddressLiteral.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1")), "first of equal runs");
        assertEquals("[fe80::1]", AddressLiteral.of(InetAddress.getByName("fe80::1%1")), "zone dropped");
        assertEquals("192.0.2.1", AddressLiteral.of(InetAddress.getByName("192.0.2.1")));
    }
}
