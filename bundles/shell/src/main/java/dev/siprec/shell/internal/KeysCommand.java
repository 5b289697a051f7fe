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
 * {@code siprec:keys}: per active SRTP stream, the suite, where the key came from (the client's
 * offer, or its answer to the server's re-keying offer, RFC 4568 §7.1.4), its age, packets under it
 * against its lifetime, and the MKIs — never key bytes.
 */
@Component(service = KeysCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=keys"
})
public final class KeysCommand {

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSessions sessions;

    @Descriptor("Lists the SRTP keys in use per active stream: suite, source, age, packets under the key, lifetime, MKI (never key bytes)")
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
        Table t = new Table("SESSION", "STREAM", "SUITE", "SOURCE", "AGE", "PACKETS", "LIFETIME", "USED", "MKI", "REKEY");
        for (StreamKeyInfo k : keys) {
            t.row(k.sessionId(), k.streamKey(), k.suite(), k.source().name().toLowerCase(java.util.Locale.ROOT),
                    CallsCommand.duration(k.age()), k.packetsUnderKey(), k.lifetimePackets() == 0 ? "suite max" : k.lifetimePackets(),
                    k.lifetimePackets() == 0 ? null : CallsCommand.percent(k.packetsUnderKey(), k.lifetimePackets()), k.mki(),
                    k.rekeyPending() ? "pending" : null);
        }
        return t.toString();
    }
}
