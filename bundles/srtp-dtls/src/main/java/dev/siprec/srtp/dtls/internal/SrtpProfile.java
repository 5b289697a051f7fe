package dev.siprec.srtp.dtls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.tls.SRTPProtectionProfile;

/**
 * The DTLS-SRTP protection profiles that name a suite the server can register (RFC 5764 §4.1.2,
 * RFC 7714 §14.2), with the key and salt lengths of their keying material (RFC 5764 §4.2).
 */
enum SrtpProfile {
    AES128_CM_SHA1_80(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, "SRTP_AES128_CM_SHA1_80",
            "AES_CM_128_HMAC_SHA1_80", 16, 14),
    AES128_CM_SHA1_32(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32, "SRTP_AES128_CM_SHA1_32",
            "AES_CM_128_HMAC_SHA1_32", 16, 14),
    AEAD_AES_128_GCM(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, "SRTP_AEAD_AES_128_GCM", "AEAD_AES_128_GCM", 16, 12),
    AEAD_AES_256_GCM(SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM, "SRTP_AEAD_AES_256_GCM", "AEAD_AES_256_GCM", 32, 12);

    final int id;
    final String profileName;
    final String suite;
    final int keyLength;
    final int saltLength;

    SrtpProfile(int id, String profileName, String suite, int keyLength, int saltLength) {
        this.id = id;
        this.profileName = profileName;
        this.suite = suite;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** @return bytes to export: client key, server key, client salt, server salt (RFC 5764 §4.2). */
    int materialLength() {
        return 2 * (keyLength + saltLength);
    }

    static Optional<SrtpProfile> ofId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Optional<SrtpProfile> ofSuite(String suite) {
        for (SrtpProfile p : values()) {
            if (p.suite.equalsIgnoreCase(suite)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** @return the profiles of {@code suites} that DTLS can name, in the order of {@code suites}. */
    static List<SrtpProfile> forSuites(List<String> suites) {
        List<SrtpProfile> out = new ArrayList<>();
        for (String s : suites) {
            ofSuite(s).filter(p -> !out.contains(p)).ifPresent(out::add);
        }
        return out;
    }

    static int[] ids(List<SrtpProfile> profiles) {
        return profiles.stream().mapToInt(p -> p.id).toArray();
    }
}
