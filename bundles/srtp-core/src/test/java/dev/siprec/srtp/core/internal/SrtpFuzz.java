package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;

/**
 * Jazzer targets for SRTP/SRTCP (issue 9): seeds under {@code SrtpFuzzInputs/<method>/}, replayed as
 * regression tests in {@code mvn verify}, fuzzed with {@code JAZZER_FUZZ=1} (docs/security.md).
 * Input layout: byte 0 picks the suite, byte 1 RTP or RTCP and the bit to flip, the rest is the packet.
 * Nothing is ever thrown; a packet the fuzzer forges is never accepted; a packet protected by the
 * sender comes back unchanged, once: its replay and any single bit flip are refused.
 */
class SrtpFuzz {
    private static final int ROOM = 64;

    private static SrtpPolicy policy(SrtpCryptoSuite suite) {
        Random r = new Random(0x5EC0DE + suite.name().hashCode());
        byte[] k = new byte[suite.masterKeyLength()];
        byte[] s = new byte[suite.masterSaltLength()];
        r.nextBytes(k);
        r.nextBytes(s);
        return SrtpPolicy.of(suite.name(), new SrtpMasterKey(k, s));
    }

    private static SrtpCryptoSuite suite(byte[] in) {
        return Engines.ALL.get((in[0] & 0xFF) % Engines.ALL.size());
    }

    /** Arbitrary bytes unprotected as SRTP or SRTCP: refused, never thrown, never accepted. */
    @FuzzTest(maxDuration = "10m")
    void forged(byte[] in) {
        if (in.length < 2) {
            return;
        }
        SrtpEngineImpl engine = Engines.engine();
        try (SrtpSession rx = engine.newSession(policy(suite(in)))) {
            byte[] wire = Arrays.copyOfRange(in, 2, in.length);
            SrtpPacket p = new SrtpPacket(Arrays.copyOf(wire, wire.length + ROOM));
            p.set(p.buffer(), wire.length);
            SrtpStatus st = (in[1] & 1) == 0 ? rx.unprotectRtp(p) : rx.unprotectRtcp(p);
            assertNotEquals(SrtpStatus.OK, st, "a forged packet was accepted");
        }
    }

    /** A plain packet protected, then unprotected, replayed and bit-flipped. */
    @FuzzTest(maxDuration = "10m")
    void roundTrip(byte[] in) {
        if (in.length < 2) {
            return;
        }
        boolean rtcp = (in[1] & 1) != 0;
        byte[] plain = Arrays.copyOfRange(in, 2, in.length);
        SrtpPolicy policy = policy(suite(in));
        SrtpEngineImpl engine = Engines.engine(Engines.registry(Engines.ALL), Map.of());
        try (SrtpSession tx = engine.newSession(Engines.copy(policy));
                SrtpSession rx = Engines.engine().newSession(Engines.copy(policy))) {

            SrtpPacket p = new SrtpPacket(Arrays.copyOf(plain, plain.length + tx.maxOverhead() + ROOM));
            p.set(p.buffer(), plain.length);
            if ((rtcp ? tx.protectRtcp(p) : tx.protectRtp(p)) != SrtpStatus.OK) {
                return;
            }
            byte[] wire = Arrays.copyOf(p.buffer(), p.length());
            SrtpPacket back = packet(wire);
            assertEquals(SrtpStatus.OK, rtcp ? rx.unprotectRtcp(back) : rx.unprotectRtp(back), "a protected packet was refused");
            assertArrayEquals(plain, Arrays.copyOf(back.buffer(), back.length()), "unprotect changed the packet");
            assertNotEquals(SrtpStatus.OK, unprotect(rx, wire, rtcp), "a replay was accepted");
            int bit = ((in[1] & 0xFF) >>> 1) * 131 % (wire.length * 8);
            byte[] flipped = wire.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            SrtpStatus st = unprotect(rx, flipped, rtcp);
            assertTrue(st != SrtpStatus.OK, "bit " + bit + " flipped and accepted");
        }
    }

    private static SrtpPacket packet(byte[] wire) {
        SrtpPacket p = new SrtpPacket(Arrays.copyOf(wire, wire.length + ROOM));
        p.set(p.buffer(), wire.length);
        return p;
    }

    private static SrtpStatus unprotect(SrtpSession rx, byte[] wire, boolean rtcp) {
        SrtpPacket p = packet(wire);
        return rtcp ? rx.unprotectRtcp(p) : rx.unprotectRtp(p);
    }
}
