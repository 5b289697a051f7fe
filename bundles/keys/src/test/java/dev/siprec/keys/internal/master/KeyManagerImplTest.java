package dev.siprec.keys.internal.master;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.security.DrbgParameters;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpCryptoSuite;

class KeyManagerImplTest {
    private final KeyManagerImpl manager = new KeyManagerImpl(
            Converters.standardConverter().convert(Map.of()).to(KeyManagerImpl.Config.class));

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void drbgWithPredictionResistance() {
        SecureRandom r = KeyManagerImpl.newDrbg();
        assertEquals("DRBG", r.getAlgorithm());
        DrbgParameters.Instantiation p = (DrbgParameters.Instantiation) r.getParameters();
        assertEquals(DrbgParameters.Capability.PR_AND_RESEED, p.getCapability());
        assertTrue(p.getStrength() >= 256);
    }

    @Test
    void lengthsAndLifetimeAsAsked() {
        for (int[] s : new int[][] {{16, 14}, {24, 14}, {32, 14}, {16, 12}, {32, 12}}) {
            try (SrtpMasterKey k = manager.newMasterKey(s[0], s[1], 1L << 31)) {
                assertEquals(s[0], k.key().length);
                assertEquals(s[1], k.salt().length);
                assertEquals(s[0] + s[1], k.keyAndSalt().length);
                assertEquals(1L << 31, k.lifetime());
                assertEquals(0, k.mki().length);
            }
        }
    }

    @Test
    void perSuiteLengths() {
        SrtpCryptoSuite gcm256 = (SrtpCryptoSuite) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SrtpCryptoSuite.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "masterKeyLength" -> 32;
                    case "masterSaltLength" -> 12;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        try (SrtpMasterKey k = manager.newMasterKey(gcm256)) {
            assertEquals(32, k.keyLength());
            assertEquals(12, k.saltLength());
            assertEquals(0, k.lifetime());
        }
    }

    @Test
    void badRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> manager.newMasterKey(15, 14, 0));
        assertThrows(IllegalArgumentException.class, () -> manager.newMasterKey(33, 14, 0));
        assertThrows(IllegalArgumentException.class, () -> manager.newMasterKey(16, 11, 0));
        assertThrows(IllegalArgumentException.class, () -> manager.newMasterKey(16, 15, 0));
        assertThrows(IllegalArgumentException.class, () -> manager.newMasterKey(16, 14, -1));
        assertEquals(0, manager.liveKeys());
    }

    @Test
    void keysAreDistinctAndBitsBalanced() {
        Set<String> seen = new HashSet<>();
        long ones = 0;
        int n = 2000;
        int[] byteCounts = new int[256];
        for (int i = 0; i < n; i++) {
            try (SrtpMasterKey k = manager.newMasterKey(32, 14, 0)) {
                byte[] b = k.keyAndSalt();
                assertTrue(seen.add(HexFormat.of().formatHex(b)), "repeated key");
                for (byte x : b) {
                    ones += Integer.bitCount(x & 0xff);
                    byteCounts[x & 0xff]++;
                }
            }
        }
        long bits = n * 46L * 8;
        // binomial(bits, 1/2): sigma = sqrt(bits)/2 ~ 429; six sigma keeps false alarms below 1e-8
        double sigma = Math.sqrt(bits) / 2;
        assertTrue(Math.abs(ones - bits / 2.0) < 6 * sigma, "ones=" + ones + " of " + bits);
        // chi-square over byte values, 255 degrees of freedom: mean 255, sd ~22.6; 400 is beyond 6 sd
        double expected = n * 46.0 / 256;
        double chi = 0;
        for (int c : byteCounts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi < 400, "chi-square " + chi);
        assertEquals(0, manager.liveKeys());
    }

    @Test
    void closeWipesAndCountsDown() {
        SrtpMasterKey a = manager.newMasterKey(16, 14, 0);
        SrtpMasterKey b = manager.newMasterKey(16, 14, 0);
        assertEquals(2, manager.liveKeys());
        a.close();
        a.close();
        assertEquals(1, manager.liveKeys());
        assertTrue(a.isDestroyed());
        assertThrows(IllegalStateException.class, a::key);
        assertThrows(IllegalStateException.class, a::keyAndSalt);
        assertFalse(b.isDestroyed());
        b.close();
        assertEquals(0, manager.liveKeys());
    }

    @Test
    void stoppingWipesEveryLiveKeyAndRefusesNewOnes() {
        List<SrtpMasterKey> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(manager.newMasterKey(16, 14, 0));
        }
        manager.close();
        assertEquals(0, manager.liveKeys());
        keys.forEach(k -> assertTrue(k.isDestroyed()));
        assertThrows(IllegalStateException.class, () -> manager.newMasterKey(16, 14, 0));
    }

    @Test
    void liveKeyCapPointsAtALeak() {
        KeyManagerImpl small = new KeyManagerImpl(2, KeyManagerImpl.newDrbg());
        small.newMasterKey(16, 14, 0);
        SrtpMasterKey second = small.newMasterKey(16, 14, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> small.newMasterKey(16, 14, 0));
        assertTrue(e.getMessage().contains("2 SRTP master keys are live (dev.siprec.keys.master max.live.keys)"));
        second.close();
        small.newMasterKey(16, 14, 0).close();
        small.close();
        assertThrows(IllegalArgumentException.class, () -> new KeyManagerImpl(0, new SecureRandom()));
    }

    @Test
    void toStringNeverShowsKeyBytes() {
        try (SrtpMasterKey k = manager.newMasterKey(16, 14, 0)) {
            byte[] raw = k.keyAndSalt();
            String s = k.toString();
            assertFalse(s.contains(HexFormat.of().formatHex(raw, 0, 4)));
            assertFalse(s.contains(Base64.getEncoder().encodeToString(raw).substring(0, 8)));
            assertEquals("SrtpMasterKey[key=16 bytes, salt=14 bytes, mki=0 bytes, lifetime=default]", s);
        }
    }

    @Test
    void returnedCopiesDoNotExposeTheInternalArrays() {
        try (SrtpMasterKey k = manager.newMasterKey(16, 14, 0)) {
            byte[] first = k.key();
            first[0] ^= 1;
            assertFalse(java.util.Arrays.equals(first, k.key()));
            byte[] again = k.key();
            first[0] ^= 1;
            assertArrayEquals(first, again);
        }
    }
}
