package dev.siprec.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Raw SIP over UDP and TCP from the test, to see which listeners answer. */
final class SipProbe {
    private SipProbe() {
    }

    static String options(String transport, int port) {
        String branch = "z9hG4bK-" + UUID.randomUUID();
        return "OPTIONS sip:srs@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:5999;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + UUID.randomUUID().toString().substring(0, 8) + "\r\n"
                + "To: <sip:srs@127.0.0.1>\r\n"
                + "Call-ID: probe-" + UUID.randomUUID() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** @return the first response line to an OPTIONS over UDP, or {@code null} without an answer in 2 s. */
    static String udpOptions(int port) throws IOException {
        return udp(port, options("UDP", port), 2000);
    }

    /** Sends {@code message} over UDP from a fresh socket and returns the first line of the first final response. */
    static String udp(int port, String message, int timeoutMillis) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(timeoutMillis);
            byte[] b = message.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), port));
            byte[] buf = new byte[65535];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    return null;
                }
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (!text.startsWith("SIP/2.0 1")) {
                    return text;
                }
            }
        }
    }

    /** @return the first response line to an OPTIONS over TCP, or {@code null} when nothing listens or answers. */
    static String tcpOptions(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(options("TCP", port).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        } catch (IOException e) {
            return null;
        }
    }

    static String firstLine(String message) {
        return message == null ? null : message.substring(0, Math.max(0, message.indexOf('\r')));
    }
}
