package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::10", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
        "::ffff:192.0.2.1", "2001:DB8:0:0:8:800:200C:417A", "64:ff9b::192.0.2.33"})
    void validIpv6(String s) {
        assertTrue(Addresses.isIpv6(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1",
        "::ffff:192.0.2.300", "1.2.3.4::", "fe80::1%eth0", "1:2:3:4:5:6:7:8::"})
    void invalidIpv6(String s) {
        assertFalse(Addresses.isIpv6(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.x", "1..3.4", "1234.1.1.1"})
    void invalidIpv4(String s) {
        assertFalse(Addresses.isIpv4(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.400", "-host", "host-", "a..b", "ho st", "h_st"})
    void invalidHostNames(String s) {
        assertFalse(Addresses.isHostName(s), s);
    }
}
