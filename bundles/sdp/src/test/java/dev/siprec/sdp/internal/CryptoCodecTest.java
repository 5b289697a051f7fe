package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.Lifetime;
import dev.siprec.sdp.api.Mki;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionParam;
import dev.siprec.srtp.api.SrtpMasterKey;

class CryptoCodecTest {
    /** RFC 4568 §5.1 example key (30 bytes, AES_CM_128_HMAC_SHA1_80). */
    static final String RFC_KEY = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    static String key(int bytes, int seed) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void rfc4568Example() throws Exception {
        CryptoAttribute c = CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|2^20|1:32");
        assertEquals(1, c.tag());
        assertEquals("AES_CM_128_HMAC_SHA1_80", c.suite());
        KeyParam k = c.keyParams().get(0);
        assertEquals(30, k.length());
        assertArrayEquals(Base64.getDecoder().decode(RFC_KEY), k.keyAndSalt());
        assertEquals(new Lifetime(1 << 20, true), k.lifetime().orElseThrow());
        assertEquals(new Mki(1, 32), k.mki().orElseThrow());
        assertEquals(32, k.mki().get().bytes().length);
        assertEquals(1, k.mki().get().bytes()[31]);
        assertEquals("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|2^20|1:32", CryptoCodec.format(c));
    }

    @Test
    void decimalLifetimeAndMkiWithoutLifetime() throws Exception {
        CryptoAttribute c = CryptoCodec.parse("2 AES_CM_128_HMAC_SHA1_32 inline:" + RFC_KEY + "|1048576");
        assertEquals(new Lifetime(1048576, false), c.keyParams().get(0).lifetime().orElseThrow());
        assertEquals("1048576", c.keyParams().get(0).lifetime().get().toString());
        CryptoAttribute m = CryptoCodec.parse("3 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|7:2");
        assertTrue(m.keyParams().get(0).lifetime().isEmpty());
        assertArrayEquals(new byte[] {0, 7}, m.keyParams().get(0).mki().orElseThrow().bytes());
        assertEquals("3 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|7:2", CryptoCodec.format(m));
    }

    @Test
    void severalKeysWithMkis() throws Exception {
        String v = "1 AES_CM_128_HMAC_SHA1_80 inline:" + key(30, 1) + "|2^20|1:4;inline:" + key(30, 2) + "|2^20|2:4";
        CryptoAttribute c = CryptoCodec.parse(v);
        assertEquals(2, c.keyParams().size());
        assertEquals(2, c.keyParams().get(1).mki().orElseThrow().value());
        assertEquals(v, CryptoCodec.format(c));
        SrtpMasterKey k = c.keyParams().get(1).toSrtpMasterKey(16);
        assertEquals(16, k.keyLength());
        assertEquals(14, k.saltLength());
        assertArrayEquals(new byte[] {0, 0, 0, 2}, k.mki());
        assertEquals(1 << 20, k.lifetime());
    }

    @Test
    void sessionParametersAreParsedAndKept() throws Exception {
        CryptoAttribute c = CryptoCodec.parse("5 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY
                + " KDR=23 UNENCRYPTED_SRTCP UNENCRYPTED_SRTP UNAUTHENTICATED_SRTP FEC_ORDER=SRTP_FEC WSH=256 -X_OPT=1 VENDOR");
        assertEquals(1L << 23, c.keyDerivationRate());
        assertTrue(c.hasFlag(SessionParam.UNENCRYPTED_SRTCP));
        assertTrue(c.hasFlag(SessionParam.UNENCRYPTED_SRTP));
        assertTrue(c.hasFlag(SessionParam.UNAUTHENTICATED_SRTP));
        assertEquals("SRTP_FEC", c.sessionParam(SessionParam.FEC_ORDER).orElseThrow().value());
        assertEquals(256, c.windowSizeHint().getAsInt());
        assertTrue(c.sessionParam("-X_OPT").orElseThrow().optional());
        assertFalse(c.sessionParam("VENDOR").orElseThrow().optional());
        assertTrue(CryptoCodec.format(c).endsWith(" KDR=23 UNENCRYPTED_SRTCP UNENCRYPTED_SRTP UNAUTHENTICATED_SRTP "
                + "FEC_ORDER=SRTP_FEC WSH=256 -X_OPT=1 VENDOR"));
        assertEquals(0, CryptoCodec.parse("5 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY).keyDerivationRate());
    }

    @Test
    void fecKeyIsValidatedAndRedacted() throws Exception {
        CryptoAttribute c = CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + " FEC_KEY=inline:"
                + key(30, 9) + "|2^20");
        assertEquals("FEC_KEY=<redacted>", c.sessionParam(SessionParam.FEC_KEY).orElseThrow().toString());
        assertFalse(c.toString().contains(key(30, 9)));
        assertThrows(SdpParseException.class,
                () -> CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + " FEC_KEY=inline:%%%"));
    }

    @Test
    void gcmKeysWithPaddingAndWithout() throws Exception {
        String padded = key(28, 3);
        assertTrue(padded.endsWith("="));
        assertEquals(28, CryptoCodec.parse("1 AEAD_AES_128_GCM inline:" + padded).keyParams().get(0).length());
        String unpadded = padded.replace("=", "");
        assertEquals(28, CryptoCodec.parse("1 AEAD_AES_128_GCM inline:" + unpadded).keyParams().get(0).length());
    }

    @Test
    void toStringNeverShowsKeys() throws Exception {
        CryptoAttribute c = CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|2^20|1:4");
        assertFalse(c.toString().contains(RFC_KEY));
        assertFalse(c.toString().contains(RFC_KEY.substring(0, 8)));
        assertTrue(c.toString().contains("|2^20|1:4"));
        assertEquals("a=crypto:<redacted>", new dev.siprec.sdp.api.Attribute("crypto", "1 X inline:" + RFC_KEY).toString());
    }

    @Test
    void wipeZeroesKeys() throws Exception {
        CryptoAttribute c = CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY);
        c.wipe();
        assertArrayEquals(new byte[30], c.keyParams().get(0).keyAndSalt());
    }

    @Test
    void equalityComparesKeyBytes() throws Exception {
        CryptoAttribute a = CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + key(30, 1));
        assertEquals(a, CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + key(30, 1)));
        assertFalse(a.equals(CryptoCodec.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + key(30, 2))));
    }

    static List<Object[]> bad() {
        String k = RFC_KEY;
        String s = "AES_CM_128_HMAC_SHA1_80";
        return List.of(
                new Object[] {"1 " + s, "needs <tag> <crypto-suite> <key-params>"},
                new Object[] {"x " + s + " inline:" + k, "tag must be 1 to 9 digits"},
                new Object[] {"1234567890 " + s + " inline:" + k, "tag must be 1 to 9 digits"},
                new Object[] {"1 AES-CM inline:" + k, "suite name is malformed"},
                new Object[] {"1 " + s + " " + k, "must be <key-method>:<key-info>"},
                new Object[] {"1 " + s + " uri:http://x", "key method 'uri' is not supported"},
                new Object[] {"1 " + s + " inline:" + k.substring(0, 10) + "!" + k.substring(11), "not base64 (illegal character at position 11)"},
                new Object[] {"1 " + s + " inline:" + k.replace('P', '-'), "not base64"},
                new Object[] {"1 " + s + " inline:" + k + "A", "not base64 (bad length or padding)"},
                new Object[] {"1 " + s + " inline:" + k + "==", "not base64 (bad length or padding)"},
                new Object[] {"1 " + s + " inline:AB=C", "not base64"},
                new Object[] {"1 " + s + " inline:", "empty key||salt"},
                new Object[] {"1 " + s + " inline:" + "A".repeat(200), "longer than 128"},
                new Object[] {"1 " + s + " inline:" + k + "|2^63", "must be 2^n with n in 0..62"},
                new Object[] {"1 " + s + " inline:" + k + "|2^x", "must be 2^n"},
                new Object[] {"1 " + s + " inline:" + k + "|0", "decimal number of packets from 1"},
                new Object[] {"1 " + s + " inline:" + k + "|-5", "decimal number"},
                new Object[] {"1 " + s + " inline:" + k + "|1:0", "MKI length 0 outside 1..128"},
                new Object[] {"1 " + s + " inline:" + k + "|1:129", "MKI length 129"},
                new Object[] {"1 " + s + " inline:" + k + "|256:1", "does not fit in 1 bytes"},
                new Object[] {"1 " + s + " inline:" + k + "|1:x", "MKI '1:x' must be"},
                new Object[] {"1 " + s + " inline:" + k + "|1:4|2^20", "MKI must be the last field"},
                new Object[] {"1 " + s + " inline:" + k + "|2^20|2^20", "third field must be MKI:length"},
                new Object[] {"1 " + s + " inline:" + k + "|2^20|1:4|x", "too many '|' fields"},
                new Object[] {"1 " + s + " inline:" + k + ";inline:" + k, "several key parameters need an MKI each"},
                new Object[] {"1 " + s + " inline:" + k + "|1:4;inline:" + k + "|2:2", "same length"},
                new Object[] {"1 " + s + " inline:" + k + "|1:4;inline:" + k + "|1:4", "MKI value 1 is used by two"},
                new Object[] {"1 " + s + " inline:" + (k + "|1:4;").repeat(17) + "inline:" + k, "more than 16 key parameters"},
                new Object[] {"1 " + s + " inline:" + k + " KDR=0", "KDR=0 is not a number in 1..24"},
                new Object[] {"1 " + s + " inline:" + k + " KDR=25", "KDR=25"},
                new Object[] {"1 " + s + " inline:" + k + " KDR", "KDR=null"},
                new Object[] {"1 " + s + " inline:" + k + " UNENCRYPTED_SRTP=1", "takes no value"},
                new Object[] {"1 " + s + " inline:" + k + " FEC_ORDER=X", "FEC_ORDER must be"},
                new Object[] {"1 " + s + " inline:" + k + " WSH=32", "WSH=32 must be a number of at least 64"},
                new Object[] {"1 " + s + " inline:" + k + " WSH=64 WSH=128", "WSH appears twice"},
                new Object[] {"1 " + s + " inline:" + k + " -", "empty session parameter name"});
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badAttributesAreRejectedWithAReasonThatHidesTheKey(String value, String reason) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> CryptoCodec.parse(value));
        assertTrue(e.getMessage().contains(reason), () -> e.getMessage() + " should mention " + reason);
        assertFalse(e.getMessage().contains(RFC_KEY.substring(0, 12)), e.getMessage());
    }
}
