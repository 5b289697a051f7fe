package dev.siprec.itests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A minimal SIP UAC over UDP for tests that must control the time between the ACK and the BYE
 * (media keyed by a handshake that runs after the answer): INVITE, the final response, ACK, later
 * BYE. Requests are retransmitted every 500 ms until answered (RFC 3261 §17.1.1.2 timer A, kept
 * constant: loopback). Independent of the server's SIP code.
 */
final class UdpSipClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final String callId;
    private final String fromTag = "src" + Long.toHexString(System.nanoTime());
    private final List<String> trace = new ArrayList<>();
    private String to;
    private String remoteTarget;

    UdpSipClient(int serverPort, String callId) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        this.callId = callId;
    }

    private String local() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private String via() {
        return "Via: SIP/2.0/UDP " + local() + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + ";rport\r\n";
    }

    /** Sends the INVITE with a {@code multipart/mixed} body; returns the 200 OK, or fails with what came instead. */
    String invite(String body, String boundary) throws IOException {
        String invite = "INVITE sip:srs@" + hostPort() + " SIP/2.0\r\n" + via()
                + "From: \"Recording client\" <sip:src@" + local() + ">;tag=" + fromTag + "\r\n"
                + "To: <sip:srs@" + hostPort() + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:src@" + local() + ">;+sip.src\r\nMax-Forwards: 70\r\nRequire: siprec\r\n"
                + "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n"
                + "Content-Type: multipart/mixed;boundary=" + boundary + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        String ok = transact(invite, "INVITE");
        if (!ok.startsWith("SIP/2.0 200")) {
            throw new AssertionError("INVITE answered " + firstLine(ok) + "\n" + ok);
        }
        to = header(ok, "To");
        String contact = header(ok, "Contact");
        remoteTarget = contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
        return ok;
    }

    void ack() throws IOException {
        send("ACK " + remoteTarget + " SIP/2.0\r\n" + via() + "From: \"Recording client\" <sip:src@" + local() + ">;tag="
                + fromTag + "\r\nTo: " + to + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    void bye() throws IOException {
        String ok = transact("BYE " + remoteTarget + " SIP/2.0\r\n" + via() + "From: \"Recording client\" <sip:src@" + local()
                + ">;tag=" + fromTag + "\r\nTo: " + to + "\r\nCall-ID: " + callId + "\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n", "BYE");
        if (!ok.startsWith("SIP/2.0 200")) {
            throw new AssertionError("BYE answered " + firstLine(ok));
        }
    }

    private String hostPort() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Sends {@code request} until a final response to {@code method} arrives (at most 15 s). */
    private String transact(String request, String method) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean provisional = false;
        long nextSend = 0;
        byte[] buf = new byte[65535];
        while (System.nanoTime() < deadline) {
            if (!provisional && System.nanoTime() >= nextSend) {
                send(request);
                nextSend = System.nanoTime() + Duration.ofMillis(500).toNanos();
            }
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.setSoTimeout(100);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            trace.add("<<< " + m);
            if (!m.startsWith("SIP/2.0 ") || !header(m, "CSeq").endsWith(method)) {
                continue;
            }
            if (m.startsWith("SIP/2.0 1")) {
                provisional = true; // the server has it: stop retransmitting (RFC 3261 §17.1.1.2)
                continue;
            }
            return m;
        }
        throw new AssertionError("no final response to " + method + " within 15 s; trace:\n" + String.join("\n", trace));
    }

    private void send(String message) throws IOException {
        trace.add(">>> " + message);
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, server));
    }

    static String firstLine(String message) {
        int i = message.indexOf("\r\n");
        return i < 0 ? message : message.substring(0, i);
    }

    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in\n" + message);
    }

    /** @return the body of a message (after the blank line) */
    static String body(String message) {
        int i = message.indexOf("\r\n\r\n");
        return i < 0 ? "" : message.substring(i + 4);
    }

    @Override
    public void close() {
        socket.close();
    }
}
