package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.recording.api.SessionDetails;
import dev.siprec.recording.api.StreamState;

/**
 * {@code siprec:calls} (active recording sessions, one line each), {@code siprec:call <id>} (one
 * session in detail, with its latest metadata) and {@code siprec:hangup <id>} (BYE from the server,
 * then finalization), over the {@link RecordingSessions} service.
 */
@Component(service = CallsCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=calls",
        "osgi.command.function=call",
        "osgi.command.function=hangup"
})
public final class CallsCommand {

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSessions sessions;

    Clock clock = Clock.systemUTC();

    @Descriptor("Lists the active recording sessions: id, Call-ID, peer, transport, participants, streams, codec, suite, packets, loss, duration")
    public void calls(CommandSession session) {
        session.getConsole().print(calls());
    }

    String calls() {
        return renderCalls(service().sessions(), clock.instant());
    }

    @Descriptor("Shows one recording session in detail, with participants, streams, notes and its latest metadata")
    public void call(CommandSession session, @Descriptor("the session id, as listed by siprec:calls") String id) {
        session.getConsole().print(call(id));
    }

    String call(String id) {
        SessionDetails d = service().session(requireId(id))
                .orElseThrow(() -> new IllegalArgumentException("no active recording session with id " + id));
        return renderCall(d, clock.instant());
    }

    @Descriptor("Ends a recording session from the server: sends BYE and finalizes the recording")
    public void hangup(CommandSession session, @Descriptor("the session id, as listed by siprec:calls") String id) {
        session.getConsole().print(hangup(id));
    }

    String hangup(String id) {
        if (!service().hangUp(requireId(id))) {
            throw new IllegalArgumentException("no active (answered) recording session with id " + id);
        }
        return "BYE sent; session " + id + " finalized\n";
    }

    private RecordingSessions service() {
        RecordingSessions s = sessions;
        if (s == null) {
            throw new IllegalStateException("the recording-session service is not running (bundle dev.siprec.siprec)");
        }
        return s;
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a session id is required (see siprec:calls)");
        }
        return id.strip();
    }

    static String renderCalls(List<SessionDetails> list, Instant now) {
        if (list.isEmpty()) {
            return "No active recording session.\n";
        }
        Table t = new Table("ID", "CALL-ID", "PEER", "TRANSPORT", "STATE", "PARTICIPANTS", "STREAMS", "CODEC", "SUITE",
                "PACKETS", "LOST", "DURATION");
        for (SessionDetails d : list) {
            RecordingSession s = d.session();
            long packets = d.streams().stream().mapToLong(StreamState::received).sum();
            long lost = d.streams().stream().mapToLong(StreamState::lost).sum();
            t.row(s.id(), s.callId(), s.peer(), s.transport(), d.state(), s.participants().size(), s.streams().size(),
                    distinct(d.streams().stream().map(StreamState::codec).toList()),
                    distinct(d.streams().stream().map(StreamState::srtpSuite).toList()), packets,
                    lost + " (" + percent(lost, packets + lost) + ")", duration(Duration.between(s.startedAt(), now)));
        }
        return t.toString();
    }

    static String renderCall(SessionDetails d, Instant now) {
        RecordingSession s = d.session();
        StringBuilder b = new StringBuilder();
        b.append("Session        ").append(Terminal.safe(s.id())).append('\n');
        b.append("State          ").append(Terminal.safe(d.state())).append('\n');
        b.append("Call-ID        ").append(Terminal.safe(s.callId())).append('\n');
        b.append("Peer           ").append(Terminal.safe(s.peer())).append(" over ").append(Terminal.safe(s.transport()))
                .append('\n');
        b.append("Started        ").append(s.startedAt()).append(" (").append(duration(Duration.between(s.startedAt(), now)))
                .append(")\n");
        b.append("Recording id   ").append(Terminal.safe(orDash(s.recordingSessionId()))).append('\n');
        b.append("Group          ").append(Terminal.safe(orDash(s.groupId()))).append('\n');
        b.append("Sessions       ").append(s.sessionIds().isEmpty() ? "-" : Terminal.safe(String.join(", ", s.sessionIds())))
                .append('\n');
        b.append("Metadata       ").append(s.metadataVersion()).append(" version(s)\n\n");
        Table p = new Table("PARTICIPANT", "AOR", "NAME", "SENDS", "RECEIVES", "JOINED", "LEFT");
        for (Participant x : s.participants()) {
            p.row(x.id(), x.aor(), x.name(), String.join(",", x.sends()), String.join(",", x.receives()), x.associated(),
                    x.disassociated());
        }
        b.append(p.isEmpty() ? "No participants (no metadata).\n" : p.toString()).append('\n');
        Table st = new Table("STREAM", "LABEL", "M", "STREAM-ID", "CODEC", "SUITE", "RECEIVING", "PORT", "LATCHED", "PACKETS",
                "LOST", "LATE", "AUTH-FAIL", "REPLAYED", "LAST PACKET");
        for (StreamState x : d.streams()) {
            String streamId = s.streams().stream().filter(m -> m.key().equals(x.key())).map(MediaStream::streamId)
                    .findFirst().orElse(null);
            st.row(x.key(), x.label(), x.mLineIndex(), streamId, x.codec(), x.srtpSuite(), x.receiving() ? "yes" : "no",
                    x.rtpPort(), x.latched(), x.received(), x.lost(), x.late(), x.authFailed(), x.replayed(), x.lastPacket());
        }
        b.append(st.isEmpty() ? "No streams.\n" : st.toString());
        if (!d.notes().isEmpty()) {
            b.append("\nNotes:\n");
            d.notes().forEach(n -> b.append("  - ").append(Terminal.safe(n)).append('\n'));
        }
        if (d.metadata() != null) {
            b.append("\nLatest metadata:\n").append(Terminal.safeLines(d.metadata().strip())).append('\n');
        }
        return b.toString();
    }

    private static String distinct(List<String> values) {
        String s = values.stream().filter(v -> v != null).distinct().collect(Collectors.joining(","));
        return s.isEmpty() ? null : s;
    }

    static String percent(long part, long whole) {
        if (whole <= 0) {
            return "0.0%";
        }
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
