package dev.siprec.srtp.spi;

import static dev.siprec.srtp.testing.Hex.bytes;
import static dev.siprec.srtp.testing.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.siprec.srtp.testing.Vectors;

/** RFC 3711 B.2/B.3, RFC 6188 §7.2/§7.4, NIST ACVP (KDR ≠ 0) and RFC 7714 §16/§17 known answers. */
class KnownAnswerTest {

    @Test
    void aesCmKeystreamRfc3711B2() {
        Map<String, String> v = Vectors.load("rfc3711-b2-aes-cm.txt").get(0);
        int blocks = Integer.parseInt(v.get("blocks"));
        byte[] stream = new byte[blocks * 16];
        AesCtr ctr = new AesCtr(bytes(v.get("key")));
        ctr.keystream(bytes(v.get("iv")), stream, 0, stream.length);
        int checked = 0;
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (e.getKey().startsWith("block.")) {
                int block = Integer.parseInt(e.getKey().substring(6));
                assertEquals(e.getValue().toLowerCase(), hex(stream, block * 16, 16), e.getKey());
                checked++;
            }
        }
        assertEquals(6, checked);
    }

    static Stream<Map<String, String>> kdf() {
        return Vectors.load("kdf.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kdf")
    void keyDerivation(Map<String, String> v) {
        long kdr = Long.parseLong(v.get("kdr"));
        long index = Long.parseLong(v.get("index"), 16);
        byte[] expected = bytes(v.get("out"));
        byte[] out = new byte[expected.length];
        long r = kdr == 0 ? 0 : index / kdr;
        int label = Integer.parseInt(v.get("label"));
        try (SrtpKdf kdf = new SrtpKdf(bytes(v.get("key")), bytes(v.get("salt")))) {
            kdf.derive(label, r, out, out.length);
        }
        if ("rfc3711-literal".equals(v.get("layout"))) {
            // the vector is right for the literal layout, and the engine deliberately follows erratum 3712
            assertEquals(hex(expected), hex(literalSrtcpLayout(bytes(v.get("key")), bytes(v.get("salt")), label, r,
                    expected.length)), v.get("source"));
            assertNotEquals(hex(expected), hex(out), v.get("source"));
        } else {
            assertEquals(hex(expected), hex(out), v.get("source"));
        }
    }

    /** key_id = label || 32-bit r (literal RFC 3711 §4.3.2 for SRTCP): label at octet 9 of the IV. */
    private static byte[] literalSrtcpLayout(byte[] key, byte[] salt, int label, long r, int len) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[9] ^= (byte) label;
        for (int i = 0; i < 4; i++) {
            iv[13 - i] ^= (byte) (r >>> (8 * i));
        }
        byte[] out = new byte[len];
        new AesCtr(key).keystream(iv, out, 0, len);
        return out;
    }

    static Stream<Map<String, String>> gcm() {
        return Vectors.load("rfc7714-gcm.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gcm")
    void aesGcmRfc7714(Map<String, String> v) {
        byte[] plain = bytes(v.get("plain"));
        byte[] protectedPacket = bytes(v.get("protected"));
        boolean rtp = v.get("kind").equals("rtp");
        try (AesGcmTransform t = AesGcmTransform.forSessionKeys(bytes(v.get("key")), bytes(v.get("salt")))) {
            byte[] buf = Arrays.copyOf(plain, protectedPacket.length + 16);
            long ssrc = rtp ? u32(plain, 8) : u32(plain, 4);
            long index = rtp ? Long.parseLong(v.get("roc")) << 16 | (plain[2] & 0xff) << 8 | (plain[3] & 0xff) : 0;
            int n = rtp ? t.protectRtp(buf, 12, plain.length, ssrc, index)
                    : t.protectRtcp(buf, plain.length, ssrc, Integer.parseInt(v.get("index"), 16),
                            Boolean.parseBoolean(v.get("encrypt")));
            assertEquals(hex(protectedPacket), hex(buf, 0, n), "protect " + v.get("source"));

            buf = protectedPacket.clone();
            n = rtp ? t.unprotectRtp(buf, 12, buf.length, ssrc, index) : t.unprotectRtcp(buf, buf.length, ssrc);
            assertEquals(hex(plain), hex(buf, 0, n), "unprotect " + v.get("source"));

            for (int i = 0; i < protectedPacket.length; i++) {
                buf = protectedPacket.clone();
                buf[i] ^= 0x01;
                n = rtp ? t.unprotectRtp(buf, 12, buf.length, ssrc, index) : t.unprotectRtcp(buf, buf.length, ssrc);
                assertEquals(-1, n, "tampered byte " + i + " must fail: " + v.get("source"));
            }
        }
    }

    @Test
    void vectorFilesAreComplete() {
        List<Map<String, String>> kdf = Vectors.load("kdf.txt");
        assertEquals(19, kdf.size());
        assertEquals(5, Vectors.load("rfc7714-gcm.txt").size());
        assertFalse(kdf.stream().anyMatch(m -> !m.containsKey("out")));
    }

    private static long u32(byte[] b, int off) {
        return Bytes.u32(b, off);
    }
}
