package dev.siprec.benchmarks.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The parts of the server's SDP answer the generator needs: the connection address and, per
 * {@code a=label}, the RTP port of the answered stream (0 when the stream was refused). The answer
 * may arrive inside a {@code multipart/mixed} body; only the lines that matter are read.
 */
public record SdpAnswer(String address, Map<String, Integer> portsByLabel) {

    /** Parses an answer; session-level {@code c=} unless a stream carries its own. */
    public static SdpAnswer parse(String body) {
        String sessionAddress = null;
        String mediaAddress = null;
        Map<String, Integer> ports = new HashMap<>();
        int port = -1;
        String label = null;
        for (String raw : body.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if (port >= 0 && label != null) {
                    ports.put(label, port);
                }
                String[] f = line.substring(2).split(" ");
                port = f.length > 1 ? Integer.parseInt(f[1]) : 0;
                label = null;
            } else if (line.startsWith("c=IN IP")) {
                String[] f = line.split(" ");
                if (f.length >= 3) {
                    if (port < 0) {
                        sessionAddress = f[2];
                    } else if (mediaAddress == null) {
                        mediaAddress = f[2];
                    }
                }
            } else if (line.startsWith("a=label:") && port >= 0) {
                label = line.substring(8).strip();
            }
            if (ports.size() > 64) {
                throw new IllegalArgumentException("more than 64 streams in the answer");
            }
        }
        if (port >= 0 && label != null) {
            ports.put(label, port);
        }
        String address = sessionAddress != null ? sessionAddress : mediaAddress;
        if (address == null) {
            throw new IllegalArgumentException("answer without c=");
        }
        return new SdpAnswer(address, ports);
    }
}
