package dev.siprec.srtp.testing;

import java.util.HexFormat;

/** Hex helpers for tests. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").toLowerCase());
    }

    public static String hex(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }

    public static String hex(byte[] b) {
        return hex(b, 0, b.length);
    }
}
