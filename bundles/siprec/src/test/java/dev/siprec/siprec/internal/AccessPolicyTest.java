package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.TlsDetails;

/** Who may record: CIDR allow-list (IPv4, IPv6) and mutual-TLS identities; others get 403. */
class AccessPolicyTest {

    static X509Certificate clientCert() throws Exception {
        try (InputStream in = AccessPolicyTest.class.getResourceAsStream("/tls/client.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void cidrMatchesV4V6AndMapped() throws Exception {
        Cidr v4 = Cidr.parse("10.1.0.0/16");
        assertTrue(v4.contains(InetAddress.getByName("10.1.200.3")));
        assertFalse(v4.contains(InetAddress.getByName("10.2.0.1")));
        assertTrue(v4.contains(InetAddress.getByName("::ffff:10.1.2.3")), "IPv4-mapped IPv6");
        Cidr v6 = Cidr.parse("2001:db8:abcd::/48");
        assertTrue(v6.contains(InetAddress.getByName("2001:db8:abcd:12::1")));
        assertFalse(v6.contains(InetAddress.getByName("2001:db8:abce::1")));
        assertFalse(v6.contains(InetAddress.getByName("10.1.2.3")));
        assertTrue(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7")));
        assertFalse(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.8")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
        assertTrue(Cidr.parse("[::1]/128").contains(InetAddress.getByName("::1")));
    }

    @Test
    void badEntriesRefusedWithTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertTrue(e.getMessage().contains("10.0.0.0/33"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"), "no name is resolved");
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> Harness.settings(Map.of("allowed.sources", new String[] {"nonsense"})));
    }

    @Test
    void disallowedSourceGets403AllowedRecords() {
        Harness h = new Harness(Map.of("allowed.sources", new String[] {"198.51.100.0/24", "2001:db8::/32"}));
        FakeSip.Server refused = h.send(invite("application/sdp", twoStreams()));
        assertEquals(403, refused.last().status());
        assertTrue(h.media.receivers.isEmpty());
        FakeSip.Server ok = h.send(invite("application/sdp", twoStreams()), new FakeSip.Connection("TCP", "198.51.100.20", 40000), null);
        assertEquals(200, ok.last().status());
        FakeSip.Request r6 = invite("application/sdp", twoStreams());
        r6.callId = "v6";
        FakeSip.Server ok6 = h.send(r6, new FakeSip.Connection("TCP", "2001:db8::5", 40000), null);
        assertEquals(200, ok6.last().status());
        assertEquals("<sip:127.0.0.1:5060;transport=tcp>;+sip.srs", ok6.header("Contact"));
    }

    @Test
    void certificateIdentitiesFromCnAndSan() throws Exception {
        List<String> ids = AccessPolicy.identities(clientCert());
        assertTrue(ids.containsAll(List.of("src1.rec.example", "sbc-a.rec.example", "sip:src1@rec.example")), ids.toString());
    }

    @Test
    void mutualTlsIdentityChecked() throws Exception {
        Harness h = new Harness(Map.of("allowed.certificates", new String[] {"*.rec.example"}));
        FakeSip.Connection good = new FakeSip.Connection("TLS", "192.0.2.10", 5071);
        good.tls = new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(clientCert()));
        assertEquals(200, h.send(invite("application/sdp", twoStreams()), good, null).last().status());

        Harness strict = new Harness(Map.of("allowed.certificates", new String[] {"sip:other@rec.example", "recorder?.example"}));
        FakeSip.Server refused = strict.send(invite("application/sdp", twoStreams()), good, null);
        assertEquals(403, refused.last().status());
        assertTrue(refused.last().reason().contains("certificate"), refused.last().reason());

        FakeSip.Connection anonymous = new FakeSip.Connection("TLS", "192.0.2.10", 5071);
        anonymous.tls = new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of());
        assertEquals(403, h.send(invite("application/sdp", twoStreams()), anonymous, null).last().status());

        Harness bySan = new Harness(Map.of("allowed.certificates", new String[] {"SIP:SRC1@REC.EXAMPLE"}));
        assertEquals(200, bySan.send(invite("application/sdp", twoStreams()), good, null).last().status(), "case-insensitive");
    }

    /** Issue 9 item 10: with only allowed.certificates set, an INVITE over UDP or TCP used to get 200. */
    @Test
    void certificateRuleAloneRefusesEveryNonTlsSource() {
        Harness h = new Harness(Map.of("allowed.certificates", new String[] {"*.rec.example"}));
        FakeSip.Server udp = h.send(invite("application/sdp", twoStreams()));
        assertEquals(403, udp.last().status());
        FakeSip.Request r = invite("application/sdp", twoStreams());
        r.callId = "tcp";
        assertEquals(403, h.send(r, new FakeSip.Connection("TCP", "127.0.0.1", 40000), null).last().status());
        assertTrue(h.media.receivers.isEmpty());
    }

    @Test
    void globIsLiteralExceptStar() {
        assertTrue(AccessPolicy.glob("a.b*").matcher("a.bcd").matches());
        assertFalse(AccessPolicy.glob("a.b").matcher("axb").matches(), "dot is literal");
        assertTrue(AccessPolicy.glob("*").matcher("anything").matches());
    }
}
