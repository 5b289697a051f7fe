package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.srtp.api.SrtpMasterKey;

/** {@code close()} wipes the SDES key types of the API ({@code wipe()} is its deprecated alias), zeroing the key bytes. */
class KeyCloseTest {

    private static byte[] keyAndSalt() {
        byte[] b = new byte[30];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i + 1);
        }
        return b;
    }

    @Test
    void closingAKeyParamZeroesItsKeyAndSalt() {
        KeyParam k = KeyParam.inline(keyAndSalt(), null, null);
        assertFalse(isZero(k.keyAndSalt()));
        k.close();
        assertArrayEquals(new byte[30], k.keyAndSalt());
    }

    @Test
    void closingACryptoAttributeZeroesEveryKeyParam() {
        KeyParam a = KeyParam.inline(keyAndSalt(), null, null);
        KeyParam b = KeyParam.inline(keyAndSalt(), null, null);
        try (CryptoAttribute c = new CryptoAttribute(1, "AES_CM_128_HMAC_SHA1_80", List.of(a, b), List.of())) {
            assertFalse(isZero(c.keyParams().get(1).keyAndSalt()));
        }
        assertTrue(isZero(a.keyAndSalt()) && isZero(b.keyAndSalt()));
    }

    @Test
    void theEngineKeyMadeFromAKeyParamIsAnOwnCopyWipedByDestroy() {
        KeyParam p = KeyParam.inline(keyAndSalt(), null, null);
        SrtpMasterKey k = p.toSrtpMasterKey(16);
        p.close();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, k.key(), "an own copy");
        k.close();
        assertTrue(k.isDestroyed());
        assertThrows(IllegalStateException.class, k::key);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
