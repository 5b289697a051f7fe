package dev.siprec.siprec.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

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
 */
record KeyState(String suite, KeySource source, Instant installedAt, long packetsAtInstall, long lifetimePackets,
                String mki, Object identity) {

    static KeyState of(CryptoAttribute remote, KeySource source, Instant now, long packetsNow, Object identity) {
        return new KeyState(remote.suite(), source, now, packetsNow, lifetime(remote.keyParams()), mki(remote.keyParams()),
                identity);
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
