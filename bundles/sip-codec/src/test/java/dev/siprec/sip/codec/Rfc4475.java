package dev.siprec.sip.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Loads the RFC 4475 torture messages from {@code src/test/resources/rfc4475/}. The files use the
 * RFC's own conventions (RFC 4475 §2): lines between {@code <allOneLine>} tags form one line,
 * {@code <hex>..</hex>} stands for raw octets, and every line ends in CRLF on the wire.
 */
final class Rfc4475 {
    private Rfc4475() {
    }

    static byte[] load(String name) {
        String text;
        try (InputStream in = Rfc4475.class.getResourceAsStream("/rfc4475/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no such torture message: " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean joining = false;
        for (String line : text.split("\n", -1)) {
            if (line.equals("<allOneLine>")) {
                joining = true;
                continue;
            }
            if (line.equals("</allOneLine>")) {
                joining = false;
                out.writeBytes(new byte[] {'\r', '\n'});
                continue;
            }
            writeWithHex(out, line);
            if (!joining) {
                out.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        return out.toByteArray();
    }

    private static void writeWithHex(ByteArrayOutputStream out, String line) {
        int p = 0;
        while (true) {
            int open = line.indexOf("<hex>", p);
            if (open < 0) {
                out.writeBytes(line.substring(p).getBytes(StandardCharsets.UTF_8));
                return;
            }
            out.writeBytes(line.substring(p, open).getBytes(StandardCharsets.UTF_8));
            int close = line.indexOf("</hex>", open);
            out.writeBytes(HexFormat.of().parseHex(line.substring(open + 5, close)));
            p = close + 6;
        }
    }
}
