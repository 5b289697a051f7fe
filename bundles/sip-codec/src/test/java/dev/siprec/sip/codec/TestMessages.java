package dev.siprec.sip.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test messages shared by several tests. */
final class TestMessages {
    private TestMessages() {
    }

    /** A SIPREC INVITE (RFC 7866) of about 3.5 KB: SDP with two SRTP m-lines plus RFC 7865 metadata. */
    static byte[] siprecInvite() {
        try (InputStream in = TestMessages.class.getResourceAsStream("/siprec/invite.sip")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the text with LF line ends turned into CRLF, as bytes */
    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal valid OPTIONS request, with LF line ends to be converted by {@link #crlf}. */
    static String options() {
        return """
                OPTIONS sip:srs@192.0.2.20 SIP/2.0
                Via: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK776asdhds
                Max-Forwards: 70
                To: <sip:srs@192.0.2.20>
                From: <sip:src@198.51.100.10>;tag=1928301774
                Call-ID: a84b4c76e66710@pc33.example.com
                CSeq: 63104 OPTIONS
                Content-Length: 0

                """;
    }
}
