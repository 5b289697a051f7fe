package dev.siprec.srtp.dtls.internal;

import java.io.IOException;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.UseSRTPData;

/**
 * What both roles of one handshake share: the profiles offered (operator order), the expected peer
 * fingerprints, and the outcome: the chosen profile, the exported keying material, or the reason
 * it failed. Written by the handshake thread, read after it ends.
 */
final class Handshake {
    final List<SrtpProfile> profiles;
    final List<Fingerprint> expected;
    final int timeoutMillis;
    final int maxDatagram;
    private SrtpProfile chosen;
    private byte[] material;
    private Refusal refusal;
    private String reason;
    private String peerFingerprint;

    Handshake(List<SrtpProfile> profiles, List<Fingerprint> expected, int timeoutMillis, int maxDatagram) {
        this.profiles = List.copyOf(profiles);
        this.expected = List.copyOf(expected);
        this.timeoutMillis = timeoutMillis;
        this.maxDatagram = maxDatagram;
    }

    /** Records why the handshake is refused and returns the alert that aborts it. */
    TlsFatalAlert refuse(Refusal r, String why, short alert) {
        if (refusal == null) {
            refusal = r;
            reason = why;
        }
        return new TlsFatalAlert(alert, why);
    }

    /** Server side: the first of our profiles the client offers (RFC 5764 §4.1.1). */
    void chooseFromClient(UseSRTPData offered) throws TlsFatalAlert {
        if (offered == null) {
            throw refuse(Refusal.NO_COMMON_PROFILE, "ClientHello has no use_srtp extension (RFC 5764 §4.1.1)",
                    AlertDescription.handshake_failure);
        }
        for (SrtpProfile p : profiles) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == p.id) {
                    chosen = p;
                    return;
                }
            }
        }
        throw refuse(Refusal.NO_COMMON_PROFILE, "no common use_srtp profile: peer offers " + names(offered)
                + ", server offers " + profiles.stream().map(p -> p.profileName).toList(), AlertDescription.handshake_failure);
    }

    /** Client side: the server must select exactly one profile we offered (RFC 5764 §4.1.1). */
    void acceptFromServer(UseSRTPData selected) throws TlsFatalAlert {
        if (selected == null || selected.getProtectionProfiles().length != 1) {
            throw refuse(Refusal.NO_COMMON_PROFILE, "ServerHello selects no single use_srtp profile (RFC 5764 §4.1.1)",
                    AlertDescription.illegal_parameter);
        }
        int id = selected.getProtectionProfiles()[0];
        chosen = profiles.stream().filter(p -> p.id == id).findFirst().orElseThrow(() -> refuse(
                Refusal.NO_COMMON_PROFILE, "server selected use_srtp profile " + id + " that was not offered",
                AlertDescription.illegal_parameter));
    }

    /** The peer certificate must match one {@code a=fingerprint} of the strongest offered hash (RFC 8122 §5). */
    void checkPeer(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw refuse(Refusal.FINGERPRINT_MISMATCH, "peer sent no certificate (RFC 5763 §5 requires one)",
                    AlertDescription.handshake_failure);
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        String strongest = expected.get(0).algorithm();
        for (Fingerprint f : expected) {
            if (f.algorithm().equals(strongest) && f.matches(der)) {
                peerFingerprint = f.format();
                return;
            }
        }
        throw refuse(Refusal.FINGERPRINT_MISMATCH, "peer certificate " + Fingerprint.of(strongest, der).format()
                + " does not match a=fingerprint " + expected.get(0).format(), AlertDescription.bad_certificate);
    }

    /** Exports the SRTP keying material (RFC 5764 §4.2, label {@code EXTRACTOR-dtls_srtp}). */
    void export(TlsContext context) throws TlsFatalAlert {
        if (chosen == null) {
            throw refuse(Refusal.NO_COMMON_PROFILE, "handshake completed without use_srtp", AlertDescription.handshake_failure);
        }
        if (peerFingerprint == null) {
            throw refuse(Refusal.FINGERPRINT_MISMATCH, "peer certificate was not checked", AlertDescription.handshake_failure);
        }
        material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, chosen.materialLength());
    }

    SrtpProfile chosen() {
        return chosen;
    }

    /** @return the exported material, handed over once (the caller wipes it). */
    byte[] takeMaterial() {
        byte[] m = material;
        material = null;
        return m;
    }

    Refusal refusal() {
        return refusal;
    }

    String reason() {
        return reason;
    }

    String peerFingerprint() {
        return peerFingerprint;
    }

    void wipe() {
        if (material != null) {
            java.util.Arrays.fill(material, (byte) 0);
            material = null;
        }
    }

    private static String names(UseSRTPData d) {
        StringBuilder b = new StringBuilder("[");
        for (int id : d.getProtectionProfiles()) {
            b.append(b.length() > 1 ? ", " : "").append(SrtpProfile.ofId(id).map(p -> p.profileName).orElse("0x" + Integer.toHexString(id)));
        }
        return b.append(']').toString();
    }
}
