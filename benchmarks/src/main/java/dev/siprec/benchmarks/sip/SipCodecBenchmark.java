package dev.siprec.benchmarks.sip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.siprec.sip.codec.BodyPart;
import dev.siprec.sip.codec.MultipartParser;
import dev.siprec.sip.codec.MultipartWriter;
import dev.siprec.sip.codec.ParseResult;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.SipLimits;
import dev.siprec.sip.codec.SipMessageBuilder;
import dev.siprec.sip.codec.SipParser;
import dev.siprec.sip.codec.StreamFramer;

/**
 * SIP codec throughput on a realistic SIPREC INVITE (RFC 7866): about 3.5 KB, multipart/mixed with an
 * SDP offer of two SRTP m-lines (RFC 4568 {@code a=crypto}) and RFC 7865 recording metadata.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar Sip -f 1 -wi 3 -i 5 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SipCodecBenchmark {
    private SipParser parser;
    private MultipartParser multipart;
    private byte[] invite;
    private ParsedRequest parsed;

    @Setup
    public void setUp() {
        SipLimits limits = SipLimits.defaults();
        parser = new SipParser(limits);
        multipart = new MultipartParser(limits);
        invite = SiprecInvite.build();
        ParseResult r = parser.parse(invite);
        if (!(r instanceof ParseResult.Success s)) {
            throw new IllegalStateException("benchmark message does not parse: " + r);
        }
        parsed = (ParsedRequest) s.message();
    }

    /** Parse only: start line, all header lines, mandatory fields validated, body copied. */
    @Benchmark
    public Object parse() {
        return parser.parse(invite);
    }

    /** Parse and serialize again, as a stateful element re-sending a message would. */
    @Benchmark
    public byte[] parseAndSerialize() {
        ParsedRequest m = (ParsedRequest) ((ParseResult.Success) parser.parse(invite)).message();
        return m.encode();
    }

    /** What the SRS does per INVITE: parse, read the dialog fields, split the multipart body. */
    @Benchmark
    public void parseAndSplitBody(Blackhole bh) {
        ParsedRequest m = (ParsedRequest) ((ParseResult.Success) parser.parse(invite)).message();
        bh.consume(m.via().branch());
        bh.consume(m.fromTag());
        bh.consume(m.callId());
        List<BodyPart> parts = multipart.parse(m);
        bh.consume(parts);
    }

    /** Serialize only: the 200 OK answer skeleton built from the parsed INVITE. */
    @Benchmark
    public byte[] buildResponse() {
        return SipMessageBuilder.responseTo(parsed, 200, null).toTag("srs-4b2c9a").copyRecordRoute(parsed)
                .header("Contact", "<sip:srs@192.0.2.20:5060>").encode();
    }

    /** TCP framing of the INVITE arriving in 1,400-byte segments. */
    @Benchmark
    public void frameStream(Blackhole bh) {
        StreamFramer framer = new StreamFramer(SipLimits.defaults());
        StreamFramer.Sink sink = new StreamFramer.Sink() {
            @Override
            public void message(byte[] message) {
                bh.consume(message);
            }

            @Override
            public void keepAlive() {
                bh.consume(0);
            }

            @Override
            public void error(int status, String reason, byte[] partial) {
                throw new IllegalStateException(reason);
            }
        };
        for (int p = 0; p < invite.length; p += 1400) {
            framer.feed(ByteBuffer.wrap(invite, p, Math.min(1400, invite.length - p)), sink);
        }
    }

    /** The benchmark message, built with the codec's own writer. */
    static final class SiprecInvite {
        private SiprecInvite() {
        }

        static byte[] build() {
            MultipartWriter body = new MultipartWriter("foobar")
                    .addPart("application/sdp", sdp().getBytes(StandardCharsets.US_ASCII))
                    .addPart("application/rs-metadata+xml", "recording-session",
                            metadata().getBytes(StandardCharsets.UTF_8));
            return SipMessageBuilder.request("INVITE", "sip:srs@192.0.2.20:5060;transport=udp")
                    .addHeader("Via", "SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK-524287-1---a6a4a2a1f4e0c7d9;rport")
                    .header("Max-Forwards", "70")
                    .header("Contact", "<sip:src@198.51.100.10:5060;transport=udp>;+sip.src")
                    .header("To", "<sip:srs@192.0.2.20>")
                    .header("From", "\"Recording Client\" <sip:src@198.51.100.10>;tag=9fxced76sl")
                    .header("Call-ID", "2xTb9vxSit55XU7p8@198.51.100.10")
                    .header("CSeq", "101 INVITE")
                    .header("Require", "siprec")
                    .header("Supported", "timer, replaces, 100rel")
                    .header("Session-Expires", "1800;refresher=uac")
                    .header("Min-SE", "90")
                    .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO")
                    .header("Accept", "application/sdp, application/rs-metadata+xml")
                    .header("User-Agent", "SIPREC-SRC/1.0")
                    .body(body.contentType(), body.toByteArray())
                    .encode();
        }

        private static String sdp() {
            StringBuilder b = new StringBuilder(1024).append("v=0\r\n")
                    .append("o=SRC 2890844526 2890844526 IN IP4 198.51.100.10\r\n")
                    .append("s=SIPREC recording session\r\nc=IN IP4 198.51.100.10\r\nt=0 0\r\n");
            String[][] keys = {
                {"WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj"},
                {"d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk"}};
            for (int i = 0; i < 2; i++) {
                b.append("m=audio ").append(40000 + 2 * i).append(" RTP/SAVP 0 8 101\r\n")
                        .append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n")
                        .append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n")
                        .append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:").append(keys[i][0]).append("|2^31|1:1\r\n")
                        .append("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:").append(keys[i][1]).append("|2^20|1:32\r\n")
                        .append("a=label:").append(i + 1).append("\r\na=sendonly\r\na=rtcp-mux\r\n");
            }
            return b.toString();
        }

        private static String metadata() {
            String session = "hVpd7YQgRW2nD22h7q60JQ==";
            String[] participants = {"srfBElmCRp2QB23b7Mpk0w==", "zSfPoSvdSDCmU3A3TRDxAw=="};
            String[] streams = {"UAAMm5GRQKSCMVvLyl4rFw==", "i1Pz3to5hGk8fuXl+PbwCw=="};
            String[] aors = {"sip:alice@example.com", "sip:bob@example.net"};
            StringBuilder b = new StringBuilder(2048)
                    .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n")
                    .append("<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\">\r\n")
                    .append("  <datamode>complete</datamode>\r\n")
                    .append("  <group group_id=\"7+OTCyoxTmqmqyA/1weDAg==\">\r\n")
                    .append("    <associate-time>2026-11-27T20:00:00Z</associate-time>\r\n  </group>\r\n")
                    .append("  <session session_id=\"").append(session).append("\">\r\n")
                    .append("    <group-ref>7+OTCyoxTmqmqyA/1weDAg==</group-ref>\r\n")
                    .append("    <sipSessionID>ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2")
                    .append("</sipSessionID>\r\n    <start-time>2026-11-27T20:00:00Z</start-time>\r\n  </session>\r\n");
            for (int i = 0; i < 2; i++) {
                b.append("  <participant participant_id=\"").append(participants[i]).append("\">\r\n")
                        .append("    <nameID aor=\"").append(aors[i]).append("\">\r\n")
                        .append("      <name xml:lang=\"en\">Participant ").append(i + 1).append("</name>\r\n")
                        .append("    </nameID>\r\n  </participant>\r\n");
            }
            for (int i = 0; i < 2; i++) {
                b.append("  <stream stream_id=\"").append(streams[i]).append("\" session_id=\"").append(session)
                        .append("\">\r\n    <label>").append(i + 1).append("</label>\r\n  </stream>\r\n");
            }
            for (int i = 0; i < 2; i++) {
                b.append("  <participantsessionassoc participant_id=\"").append(participants[i])
                        .append("\" session_id=\"").append(session).append("\">\r\n")
                        .append("    <associate-time>2026-11-27T20:00:00Z</associate-time>\r\n")
                        .append("  </participantsessionassoc>\r\n");
            }
            for (int i = 0; i < 2; i++) {
                b.append("  <participantstreamassoc participant_id=\"").append(participants[i]).append("\">\r\n")
                        .append("    <send>").append(streams[i]).append("</send>\r\n")
                        .append("    <recv>").append(streams[1 - i]).append("</recv>\r\n")
                        .append("  </participantstreamassoc>\r\n");
            }
            return b.append("</recording>\r\n").toString();
        }
    }
}
