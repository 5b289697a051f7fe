package dev.siprec.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SrtpProtectorTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 3711 Appendix B.2: AES-CM keystream at IV F0F1...FCFD0000 under key 2B7E1516... */
    @Test
    void keystreamMatchesRfc3711AppendixB2() {
        byte[] ks = SrtpProtector.keystream(HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C"),
                HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), 48);
        assertEquals("E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB41E95B3BB0A2E8DD477901E4FCA894C0",
                HEX.formatHex(ks).toUpperCase());
    }

    /** RFC 3711 Appendix B.3: session keys from master key E1F97A0D... and salt 0EC675AD... */
    @Test
    void keyDerivationMatchesRfc3711AppendixB3() {
        byte[] key = HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] salt = HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6");
        assertEquals("C61E7A93744F39EE10734AFE3FF7A087", HEX.formatHex(SrtpProtector.derive(key, salt, 0, 16)).toUpperCase());
        assertEquals("30CBBC08863D8C85D49DB34A9AE1", HEX.formatHex(SrtpProtector.derive(key, salt, 2, 14)).toUpperCase());
        assertEquals("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4",
                HEX.formatHex(SrtpProtector.derive(key, salt, 1, 20)).toUpperCase());
    }

    /**
     * A protected packet checked by the JCE's own AES/CTR and HmacSHA1 with the RFC 3711 §4.1.1 IV,
     * across the sequence-number rollover (ROC 1 in the IV and in the authenticated ROC).
     */
    @Test
    void protectsAsRfc3711Section4WithRollover() throws Exception {
        byte[] master = new byte[30];
        for (int i = 0; i < 30; i++) {
            master[i] = (byte) (i * 7 + 1);
        }
        byte[] cipherKey = SrtpProtector.derive(Arrays.copyOf(master, 16), Arrays.copyOfRange(master, 16, 30), 0, 16);
        byte[] authKey = SrtpProtector.derive(Arrays.copyOf(master, 16), Arrays.copyOfRange(master, 16, 30), 1, 20);
        byte[] salt = SrtpProtector.derive(Arrays.copyOf(master, 16), Arrays.copyOfRange(master, 16, 30), 2, 14);
        long index = 0x1_0003L; // ROC 1, SEQ 3
        byte[] rtp = new byte[12 + 160 + 10];
        rtp[0] = (byte) 0x80;
        rtp[3] = 3;
        rtp[8] = (byte) 0xCA;
        rtp[9] = (byte) 0xFE;
        rtp[10] = (byte) 0xBA;
        rtp[11] = (byte) 0xBE;
        for (int i = 0; i < 160; i++) {
            rtp[12 + i] = (byte) i;
        }
        byte[] plain = Arrays.copyOf(rtp, 172);
        int len;
        try (SrtpProtector p = new SrtpProtector(master)) {
            len = p.protect(rtp, 172, index);
        }
        assertEquals(182, len);

        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[4] ^= (byte) 0xCA;
        iv[5] ^= (byte) 0xFE;
        iv[6] ^= (byte) 0xBA;
        iv[7] ^= (byte) 0xBE;
        iv[11] ^= 1; // ROC 1 at bits 32..63 of the index, which starts at byte 8
        iv[13] ^= 3;
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cipherKey, "AES"), new IvParameterSpec(iv));
        byte[] expected = Arrays.copyOf(plain, 172);
        ctr.doFinal(plain, 12, 160, expected, 12);
        assertArrayEquals(expected, Arrays.copyOf(rtp, 172));

        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        mac.update(expected);
        mac.update(new byte[] {0, 0, 0, 1});
        assertArrayEquals(Arrays.copyOf(mac.doFinal(), 10), Arrays.copyOfRange(rtp, 172, 182));
    }

    @Test
    void refusesWrongKeyLengthAndShortArrays() {
        assertThrows(IllegalArgumentException.class, () -> new SrtpProtector(new byte[16]));
        try (SrtpProtector p = new SrtpProtector(new byte[30])) {
            assertThrows(IllegalArgumentException.class, () -> p.protect(new byte[172], 172, 0));
        }
    }
}
