package dev.siprec.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Builds the requests of one SIPREC call over UDP (RFC 7866 §6.1, RFC 3261): a {@code multipart/mixed}
 * INVITE carrying SDP with two labelled {@code RTP/SAVP} streams, each offering
 * {@code AES_CM_128_HMAC_SHA1_80} with its own key (RFC 4568), and RFC 7865 metadata naming both
 * streams; then the ACK and the BYE. The shape follows the SIPp scenario the integration tests use.
 */
public final class SiprecOffer {
    static final String BOUNDARY = "loadgen-boundary-7865";
    static final String SUITE = "AES_CM_128_HMAC_SHA1_80";

    /** Where the client and the server are. */
    public record Endpoints(String localHost, int localPort, String serverHost, int serverPort) {
    }

    private SiprecOffer() {
    }

    /**
     * The SDP offer: one {@code m=audio} per stream, {@code a=label:1} and {@code a=label:2},
     * {@code a=sendonly}, {@code a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<key||salt>}.
     */
    public static String sdp(String host, int port1, int port2, String codec, int payloadType, byte[] key1, byte[] key2) {
        StringBuilder sb = new StringBuilder(700);
        sb.append("v=0\r\no=loadgen 1 1 IN IP4 ").append(host).append("\r\ns=SIPREC load\r\nc=IN IP4 ")
                .append(host).append("\r\nt=0 0\r\n");
        media(sb, port1, codec, payloadType, "1", key1);
        media(sb, port2, codec, payloadType, "2", key2);
        return sb.toString();
    }

    private static void media(StringBuilder sb, int port, String codec, int pt, String label, byte[] key) {
        sb.append("m=audio ").append(port).append(" RTP/SAVP ").append(pt).append("\r\n")
                .append("a=rtpmap:").append(pt).append(' ').append(codec).append("/8000\r\n")
                .append("a=ptime:20\r\na=label:").append(label).append("\r\na=sendonly\r\n")
                .append("a=crypto:1 ").append(SUITE).append(" inline:")
                .append(Base64.getEncoder().encodeToString(key)).append("\r\n");
    }

    /** RFC 7865 metadata: one session, two participants, each sending one of the labelled streams. */
    public static String metadata(RandomGenerator random) {
        String group = id(random);
        String session = id(random);
        String alice = id(random);
        String bob = id(random);
        String s1 = id(random);
        String s2 = id(random);
        String now = "2026-12-03T00:00:00Z";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\">\r\n"
                + "<datamode>complete</datamode>\r\n"
                + "<group group_id=\"" + group + "\"><associate-time>" + now + "</associate-time></group>\r\n"
                + "<session session_id=\"" + session + "\"><group-ref>" + group + "</group-ref>"
                + "<start-time>" + now + "</start-time></session>\r\n"
                + "<participant participant_id=\"" + alice + "\"><nameID aor=\"sip:alice@example.com\">"
                + "<name xml:lang=\"en\">Alice</name></nameID></participant>\r\n"
                + "<participant participant_id=\"" + bob + "\"><nameID aor=\"sip:bob@example.com\">"
                + "<name xml:lang=\"en\">Bob</name></nameID></participant>\r\n"
                + "<stream stream_id=\"" + s1 + "\" session_id=\"" + session + "\"><label>1</label></stream>\r\n"
                + "<stream stream_id=\"" + s2 + "\" session_id=\"" + session + "\"><label>2</label></stream>\r\n"
                + "<sessionrecordingassoc session_id=\"" + session + "\"><associate-time>" + now
                + "</associate-time></sessionrecordingassoc>\r\n"
                + "<participantsessionassoc participant_id=\"" + alice + "\" session_id=\"" + session
                + "\"><associate-time>" + now + "</associate-time></participantsessionassoc>\r\n"
                + "<participantsessionassoc participant_id=\"" + bob + "\" session_id=\"" + session
                + "\"><associate-time>" + now + "</associate-time></participantsessionassoc>\r\n"
                + "<participantstreamassoc participant_id=\"" + alice + "\"><send>" + s1 + "</send><recv>" + s2
                + "</recv></participantstreamassoc>\r\n"
                + "<participantstreamassoc participant_id=\"" + bob + "\"><send>" + s2 + "</send><recv>" + s1
                + "</recv></participantstreamassoc>\r\n"
                + "</recording>\r\n";
    }

    /** A 128-bit RFC 7865 identifier, base64 as in the RFC's examples. */
    static String id(RandomGenerator random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** The INVITE: {@code multipart/mixed} with the SDP and the metadata (RFC 7866 §6.1.1). */
    public static byte[] invite(Endpoints e, String callId, String fromTag, String branch, String sdp, String metadata) {
        String body = "--" + BOUNDARY + "\r\nContent-Type: application/sdp\r\n\r\n" + sdp
                + "--" + BOUNDARY + "\r\nContent-Type: application/rs-metadata+xml\r\n"
                + "Content-Disposition: recording-session\r\n\r\n" + metadata
                + "--" + BOUNDARY + "--\r\n";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "INVITE " + requestUri(e) + " SIP/2.0\r\n"
                + via(e, branch)
                + "From: \"Load generator\" <sip:src@" + e.localHost() + ":" + e.localPort() + ">;tag=" + fromTag + "\r\n"
                + "To: <" + requestUri(e) + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:src@" + e.localHost() + ":" + e.localPort() + ">;+sip.src\r\n"
                + "Max-Forwards: 70\r\n"
                + "Require: siprec\r\n"
                + "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n"
                + "User-Agent: siprec-loadgen\r\n"
                + "Content-Type: multipart/mixed;boundary=" + BOUNDARY + "\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.UTF_8), bodyBytes);
    }

    /**
     * A request inside the dialog, or the ACK of a failed INVITE (RFC 3261 §17.1.1.3: same branch, the
     * response's To).
     *
     * @param target the remote target (the 2xx's Contact), or {@code null} for the INVITE's Request-URI
     * @param to     the To header value as the response carried it (with its tag)
     */
    public static byte[] inDialog(Endpoints e, String method, int cseq, String target, String callId, String fromTag,
                                  String to, String branch) {
        String head = method + " " + (target == null ? requestUri(e) : target) + " SIP/2.0\r\n"
                + via(e, branch)
                + "From: \"Load generator\" <sip:src@" + e.localHost() + ":" + e.localPort() + ">;tag=" + fromTag + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return head.getBytes(StandardCharsets.UTF_8);
    }

    /** A response to a request of the server (its BYE or OPTIONS): the request's Via, From, To, Call-ID, CSeq. */
    public static byte[] response(SipMessage request, int code, String reason, String toTag) {
        StringBuilder sb = new StringBuilder(400);
        sb.append("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n");
        for (String via : request.vias()) {
            sb.append("Via: ").append(via).append("\r\n");
        }
        String to = request.header("To");
        if (to != null && !to.contains(";tag=")) {
            to = to + ";tag=" + toTag;
        }
        sb.append("From: ").append(request.header("From")).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(request.callId()).append("\r\n")
                .append("CSeq: ").append(request.header("CSeq")).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String requestUri(Endpoints e) {
        return "sip:srs@" + e.serverHost() + ":" + e.serverPort();
    }

    private static String via(Endpoints e, String branch) {
        return "Via: SIP/2.0/UDP " + e.localHost() + ":" + e.localPort() + ";branch=" + branch + ";rport\r\n";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
