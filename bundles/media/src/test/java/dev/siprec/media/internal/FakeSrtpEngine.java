package dev.siprec.media.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import dev.siprec.srtp.api.SrtpEngine;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;

/**
 * A test double of the SRTP engine with the same contract shape: payload XOR-ed with the first key
 * byte and a 4-byte CRC tag over key and packet, replay detection by sequence number (RTP) or by
 * packet bytes (RTCP), KEY_EXPIRED after close. Not cryptography: it checks how media uses the engine.
 */
final class FakeSrtpEngine implements SrtpEngine {
    final List<Session> sessions = new ArrayList<>();

    @Override
    public synchronized SrtpSession newSession(SrtpPolicy policy) {
        if (!policy.suite().startsWith("FAKE")) {
            throw new IllegalArgumentException("SRTP suite " + policy.suite() + " is not registered");
        }
        Session s = new Session(policy.keys().get(0).key());
        sessions.add(s);
        return s;
    }

    static final class Session implements SrtpSession {
        private final byte[] key;
        private final Set<Integer> seen = new HashSet<>();
        private final Set<Long> seenRtcp = new HashSet<>();
        volatile boolean closed;

        Session(byte[] key) {
            this.key = key;
        }

        private long tag(byte[] b, int len) {
            CRC32 crc = new CRC32();
            crc.update(key);
            crc.update(b, 0, len);
            return crc.getValue();
        }

        private void xor(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                b[i] ^= key[0];
            }
        }

        private SrtpStatus unprotect(SrtpPacket p, int headerLength, boolean rtcp) {
            if (closed) {
                return SrtpStatus.KEY_EXPIRED;
            }
            byte[] b = p.buffer();
            int len = p.length() - 4;
            if (len < headerLength) {
                return SrtpStatus.MALFORMED;
            }
            long t = ((b[len] & 0xFFL) << 24) | ((b[len + 1] & 0xFF) << 16) | ((b[len + 2] & 0xFF) << 8) | (b[len + 3] & 0xFF);
            if (t != tag(b, len)) {
                return SrtpStatus.AUTH_FAIL;
            }
            if (rtcp ? !seenRtcp.add(t) : !seen.add(((b[2] & 0xFF) << 8) | (b[3] & 0xFF))) {
                return SrtpStatus.REPLAY_DUP;
            }
            xor(b, headerLength, len);
            p.length(len);
            return SrtpStatus.OK;
        }

        private SrtpStatus protect(SrtpPacket p, int headerLength) {
            byte[] b = p.buffer();
            int len = p.length();
            xor(b, headerLength, len);
            long t = tag(b, len);
            b[len] = (byte) (t >>> 24);
            b[len + 1] = (byte) (t >>> 16);
            b[len + 2] = (byte) (t >>> 8);
            b[len + 3] = (byte) t;
            p.length(len + 4);
            return SrtpStatus.OK;
        }

        @Override
        public SrtpStatus unprotectRtp(SrtpPacket packet) {
            return unprotect(packet, 12, false);
        }

        @Override
        public SrtpStatus unprotectRtcp(SrtpPacket packet) {
            return unprotect(packet, 8, true);
        }

        @Override
        public SrtpStatus protectRtp(SrtpPacket packet) {
            return protect(packet, 12);
        }

        @Override
        public SrtpStatus protectRtcp(SrtpPacket packet) {
            return protect(packet, 8);
        }

        @Override
        public int maxOverhead() {
            return 4;
        }

        @Override
        public String suite() {
            return "FAKE";
        }

        @Override
        public Stats stats() {
            return new Stats("FAKE", 0, 0, 0, 0, List.of());
        }

        @Override
        public void close() {
            closed = true;
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Protects a copy of {@code rtp} with a session keyed by {@code key}. */
    static byte[] protect(byte[] key, byte[] packet, boolean rtcp) {
        Session s = new Session(key.clone());
        byte[] b = java.util.Arrays.copyOf(packet, packet.length + 4);
        SrtpPacket p = new SrtpPacket(b).length(packet.length);
        if (rtcp) {
            s.protectRtcp(p);
        } else {
            s.protectRtp(p);
        }
        return java.util.Arrays.copyOf(b, p.length());
    }
}
