package dev.siprec.benchmarks.load;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes packets protected by {@link SrtpProtector} for an independent check with libsrtp
 * ({@code benchmarks/load/srtp_check.c}): a line {@code key <60 hex digits>} (master key || salt),
 * then one {@code pkt <hex>} line per packet of a PCMU tone, sequence numbers starting at
 * {@code first-seq} so that a run across 65535 exercises the rollover counter.
 * Run: {@code java -cp benchmarks.jar dev.siprec.benchmarks.load.SrtpDump [packets] [first-seq] | srtp_check}
 */
public final class SrtpDump {
    private SrtpDump() {
    }

    public static void main(String[] args) {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int firstSeq = args.length > 1 ? Integer.parseInt(args[1]) : 65_436;
        byte[] master = new byte[SrtpProtector.MASTER_BYTES];
        new SecureRandom().nextBytes(master);
        HexFormat hex = HexFormat.of();
        // a throw-away key made for this check, printed so that libsrtp can use it
        System.out.println("key " + hex.formatHex(master));
        MediaStream s = new MediaStream(null, "1", master, new Tone("PCMU", 440), 0x1234abcd, firstSeq, 1000,
                packets, 0);
        StringBuilder out = new StringBuilder();
        s.dump(packets, p -> out.append("pkt ").append(hex.formatHex(p)).append('\n'));
        System.out.print(out);
    }
}
