package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.recording.api.StreamKeyInfo;

/**
 * {@code siprec:keys}: per active SRTP stream, the key exchange ({@code SDES}, {@code DTLS}), the
 * suite, the DTLS-SRTP profile and the server's role, where the key came from (the client's offer,
 * its answer to the server's re-keying offer, RFC 4568 §7.1.4, or a handshake), its age, packets
 * under it against its lifetime, the MKIs, and the peer certificate fingerprints (RFC 8122) — never
 * key bytes.
 */
@Component(service = KeysCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=keys"
})
public final class KeysCommand {

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSessions sessions;

    @Descriptor("Lists the SRTP keys in use per active stream: key exchange, suite, profile, role, source, age, packets under the key, lifetime, MKI, peer fingerprint (never key bytes)")
    public void keys(CommandSession session) {
        session.getConsole().print(keys());
    }

    String keys() {
        RecordingSessions s = sessions;
        if (s == null) {
            throw new IllegalStateException("the recording-session service is not running (bundle dev.siprec.siprec)");
        }
        return render(s.keys());
    }

    static String render(List<StreamKeyInfo> keys) {
        if (keys.isEmpty()) {
            return "No active SRTP stream.\n";
        }
        Table t = new Table("SESSION", "STREAM", "KEX", "SUITE", "PROFILE", "ROLE", "SOURCE", "AGE", "PACKETS", "LIFETIME",
                "USED", "MKI", "REKEY");
        StringBuilder fingerprints = new StringBuilder();
        for (StreamKeyInfo k : keys) {
            t.row(k.sessionId(), k.streamKey(), k.keyExchange(), k.suite(), k.profile(), k.role(),
                    k.source().name().toLowerCase(java.util.Locale.ROOT),
                    CallsCommand.duration(k.age()), k.packetsUnderKey(), k.lifetimePackets() == 0 ? "suite max" : k.lifetimePackets(),
                    k.lifetimePackets() == 0 ? null : CallsCommand.percent(k.packetsUnderKey(), k.lifetimePackets()), k.mki(),
                    k.rekeyPending() ? "pending" : null);
            if (k.peerFingerprint() != null) {
                fingerprints.append(k.sessionId()).append(' ').append(k.streamKey()).append(": ")
                        .append(k.peerFingerprint()).append('\n');
            }
        }
        // fingerprints are long (RFC 8122: 95 characters for SHA-256): listed below the table, not in a column
        return fingerprints.length() == 0 ? t.toString() : t + "Peer certificate fingerprints:\n" + fingerprints;
    }
}
