package dev.siprec.benchmarks.startup;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The anchor of the start-time figure (issue 11): a bare JVM that binds the same three SIP
 * listeners as the server (UDP and TCP on one port, TLS on another, from a PKCS#12 key store made
 * beforehand) and answers every request with {@code 200 OK}, echoing Via, From, To, Call-ID and
 * CSeq. Not a SIP server: just the floor of "JVM up, sockets bound, TLS ready".
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.siprec.benchmarks.startup.BareListeners
 * <udp+tcp port> <tls port> <keystore.p12> <password>}
 */
public final class BareListeners {
    private static final int MAX_MESSAGE = 65536;

    private BareListeners() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int tlsPort = Integer.parseInt(args[1]);
        char[] password = args[3].toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[2])) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        DatagramSocket udp = new DatagramSocket(new InetSocketAddress("0.0.0.0", port));
        ServerSocket tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress("0.0.0.0", port));
        SSLServerSocket secure = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        secure.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        secure.bind(new InetSocketAddress("0.0.0.0", tlsPort));
        start("udp", () -> serveUdp(udp));
        start("tcp", () -> accept(tcp));
        start("tls", () -> accept(secure));
    }

    private interface Loop {
        void run() throws IOException;
    }

    private static void start(String name, Loop loop) {
        new Thread(() -> {
            try {
                loop.run();
            } catch (IOException e) {
                System.err.println(name + ": " + e);
            }
        }, name).start();
    }

    private static void serveUdp(DatagramSocket s) throws IOException {
        byte[] buf = new byte[MAX_MESSAGE];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            byte[] answer = ok(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
            s.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
        }
    }

    private static void accept(ServerSocket server) throws IOException {
        while (true) {
            Socket c = server.accept();
            start("conn", () -> serveStream(c));
        }
    }

    private static void serveStream(Socket c) throws IOException {
        try (c) {
            c.setSoTimeout(10_000);
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            int state = 0;
            while (head.size() < MAX_MESSAGE && (b = in.read()) >= 0) {
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                if (state == 4) {
                    out.write(ok(head.toString(StandardCharsets.UTF_8)));
                    out.flush();
                    head.reset();
                    state = 0;
                }
            }
        }
    }

    /** A 200 to the request in {@code request}, with its transaction headers copied. */
    static byte[] ok(String request) {
        StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:")
                    || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
