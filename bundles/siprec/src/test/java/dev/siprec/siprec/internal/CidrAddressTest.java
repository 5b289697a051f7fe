package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The address literals of SDP and Via (issue 11: read without a regex on the per-call path). */
class CidrAddressTest {

    @Test
    void canonicalQuadsReadWithoutTheGeneralPath() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String text = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            assertArrayEquals(InetAddress.getByName(text).getAddress(), Cidr.dottedQuad(text), text);
            assertEquals(InetAddress.getByName(text), Cidr.address(text), text);
        }
        assertEquals("/127.0.0.1", Cidr.address("127.0.0.1").toString(), "no host name attached");
    }

    @Test
    void everythingElseTakesTheGeneralPathAsBefore() throws Exception {
        for (String text : new String[] {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d",
            "1.2.3.1000", "-1.2.3.4", "1.2.3.", ".1.2.3", "01.2.3.4", "1.2.3.04", "000.0.0.0"}) {
            assertNull(Cidr.dottedQuad(text), text);
        }
        assertNull(Cidr.address("256.1.1.1"));
        assertNull(Cidr.address("1.2.3"));
        assertNull(Cidr.address("example.com"), "never resolved");
        assertNull(Cidr.address("1.2.3.4 "));
        assertEquals(InetAddress.getByName("::1"), Cidr.address("::1"));
        assertEquals(InetAddress.getByName("2001:db8::5"), Cidr.address("2001:DB8::5"));
        assertNull(Cidr.address("2001:db8::g"));
        assertNull(Cidr.address(null));
    }
}
