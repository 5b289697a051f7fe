package dev.siprec.sdp.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * What SDES negotiation (RFC 4568 §7) fixed for one SRTP m-line. The recorded media is decrypted
 * with the offerer's keys ({@link #remote()}, {@link #remotePolicy()}); the answer's fresh key
 * ({@link #localKey()}) protects only the RTCP the server sends itself. {@link #toString()} never
 * shows key bytes. The key bytes inside {@code remote}, {@code local} and {@code localKey} belong to
 * the {@link AnswerSession}: they are wiped when a later answer replaces them or the session
 * closes, so build the engine policies ({@link #remotePolicy()}, {@link #localPolicy()}, which copy)
 * when the answer is accepted.
 *
 * @param suite the chosen crypto suite (RFC 4568 §6.2)
 * @param keyLength its master key length in bytes
 * @param saltLength its master salt length in bytes
 * @param remote the offer's chosen {@code a=crypto}: tag, suite, key parameters, session parameters
 * @param local the answer's {@code a=crypto}: same tag and suite, the server's key, the session
 *              parameters honoured symmetrically (RFC 4568 §6.3)
 * @param localKey the server's master key behind {@code local}; owned by the {@link AnswerSession},
 *                 wiped when a later answer replaces it or the session closes
 */
public record SrtpParameters(String suite, int keyLength, int saltLength, CryptoAttribute remote,
                             CryptoAttribute local, SrtpMasterKey localKey) {

    public SrtpParameters {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(localKey, "localKey");
    }

    /** @return the tag of the chosen attribute, the same in offer and answer (RFC 4568 §5.1). */
    public long tag() {
        return remote.tag();
    }

    /**
     * @return the SRTP engine policy to unprotect what the recording client sends: its master
     *         keys (split by the suite's lengths), KDR, {@code UNENCRYPTED_*},
     *         {@code UNAUTHENTICATED_SRTP}, and a replay window no smaller than {@code WSH}. The
     *         caller destroys the keys when the stream ends.
     */
    public SrtpPolicy remotePolicy() {
        List<SrtpMasterKey> keys = new ArrayList<>();
        for (KeyParam k : remote.keyParams()) {
            keys.add(k.toSrtpMasterKey(keyLength));
        }
        return policy(remote, keys);
    }

    /** @return the SRTP engine policy to protect the server's own RTCP with {@link #localKey()}. */
    public SrtpPolicy localPolicy() {
        byte[] key = localKey.key();
        byte[] salt = localKey.salt();
        try {
            return policy(local, List.of(new SrtpMasterKey(key, salt, localKey.lifetime(), localKey.mki())));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    private SrtpPolicy policy(CryptoAttribute c, List<SrtpMasterKey> keys) {
        int window = SrtpPolicy.DEFAULT_REPLAY_WINDOW;
        if (c.windowSizeHint().isPresent()) {
            window = Math.min(SrtpPolicy.MAX_REPLAY_WINDOW, Math.max(window, c.windowSizeHint().getAsInt()));
        }
        return new SrtpPolicy(suite, keys, c.keyDerivationRate(), c.hasFlag(SessionParam.UNENCRYPTED_SRTP),
                c.hasFlag(SessionParam.UNENCRYPTED_SRTCP), c.hasFlag(SessionParam.UNAUTHENTICATED_SRTP), window,
                SrtpPolicy.DEFAULT_MAX_STREAMS);
    }
}
