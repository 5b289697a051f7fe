package dev.siprec.siprec.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.recording.api.StreamKeyInfo.KeySource;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.Lifetime;

/**
 * Facts about the recording client's SRTP key in use on one stream, without key bytes: suite, where
 * it came from, when it was installed, the packet count at installation (to count packets under the
 * key), its lifetime (RFC 4568 §6.1) and MKIs.
 *
 * @param identity an object that changes exactly when the key changes (the answer session keeps
 *                 its own key object while the offered key is unchanged); compared by identity only
 * @param keys the key exchange's keys, read for what operators see ({@link KeyingInfo}: its profile,
 *             role and peer fingerprint may be known only after a handshake), or {@code null} when
 *             the keys came from the server's own SDES re-keying
 */
record KeyState(String suite, KeySource source, Instant installedAt, long packetsAtInstall, long lifetimePackets,
                String mki, Object identity, MediaKeys keys) {

    /** What {@link #info()} shows for SDES keys without a key exchange object. */
    private static final String SDES = "SDES";

    static KeyState of(CryptoAttribute remote, KeySource source, Instant now, long packetsNow, Object identity) {
        return of(remote, source, now, packetsNow, identity, null);
    }

    static KeyState of(CryptoAttribute remote, KeySource source, Instant now, long packetsNow, Object identity,
                       MediaKeys keys) {
        return new KeyState(remote.suite(), source, now, packetsNow, lifetime(remote.keyParams()), mki(remote.keyParams()),
                identity, keys);
    }

    /** Keys agreed by a handshake on the media port (DTLS-SRTP): no lifetime or MKI in the SDP. */
    static KeyState handshake(MediaKeys keys, Instant now, long packetsNow) {
        KeyingInfo info = info(keys);
        return new KeyState(info == null ? null : info.suite(), KeySource.HANDSHAKE, now, packetsNow, 0, null, keys, keys);
    }

    /** @return what operators see of the keying now, never {@code null} */
    KeyingInfo info() {
        KeyingInfo info = keys == null ? null : info(keys);
        return info != null ? info : new KeyingInfo(SDES, suite == null ? "" : suite, null, "answerer", null);
    }

    /** The suite shown: the key exchange's current one (a handshake may settle it late), else the SDP's. */
    String currentSuite() {
        KeyingInfo info = keys == null ? null : info(keys);
        return info != null ? info.suite() : suite;
    }

    private static KeyingInfo info(MediaKeys keys) {
        try {
            return keys.info();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The packets the sender may protect with these keys: the sum of the lifetimes when every key has one, else 0. */
    static long lifetime(List<KeyParam> keys) {
        long sum = 0;
        for (KeyParam k : keys) {
            if (k.lifetime().isEmpty()) {
                return 0;
            }
            Lifetime l = k.lifetime().get();
            sum = sum + l.packets() < 0 ? Long.MAX_VALUE : sum + l.packets();
        }
        return sum;
    }

    static String mki(List<KeyParam> keys) {
        String s = keys.stream().filter(k -> k.mki().isPresent()).map(k -> k.mki().get().toString())
                .collect(Collectors.joining(","));
        return s.isEmpty() ? null : s;
    }

    long packetsUnderKey(long packetsNow) {
        return Math.max(0, packetsNow - packetsAtInstall);
    }

    @Override
    public String toString() {
        return "KeyState[" + suite + ", " + source + ", since " + installedAt + ", lifetime=" + lifetimePackets + "]";
    }
}
