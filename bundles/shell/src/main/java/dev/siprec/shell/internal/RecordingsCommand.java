package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.recording.api.RecordingStore;
import dev.siprec.recording.api.RecordingStore.StoredRecording;

/**
 * {@code siprec:recordings [count]}: the most recent recording sessions of every recording store
 * (e.g. the WAV sink's directory), newest first, with their folders.
 */
@Component(service = RecordingsCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=recordings"
})
public final class RecordingsCommand {
    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 1000;

    private final Map<ServiceReference<RecordingStore>, RecordingStore> stores = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public RecordingsCommand() {
        this(Clock.systemUTC());
    }

    RecordingsCommand(Clock clock) {
        this.clock = clock;
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addStore(ServiceReference<RecordingStore> ref, RecordingStore store) {
        stores.put(ref, store);
    }

    void removeStore(ServiceReference<RecordingStore> ref) {
        stores.remove(ref);
    }

    @Descriptor("Lists the 20 most recent recording sessions, newest first")
    public void recordings(CommandSession session) throws IOException {
        session.getConsole().print(recordings());
    }

    String recordings() throws IOException {
        return recordings(DEFAULT_COUNT);
    }

    @Descriptor("Lists the most recent recording sessions, newest first")
    public void recordings(CommandSession session, @Descriptor("how many sessions (1-" + MAX_COUNT + ")") int count) throws IOException {
        session.getConsole().print(recordings(count));
    }

    String recordings(int count) throws IOException {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        if (stores.isEmpty()) {
            return "No recording store is registered (is the dev.siprec.recording.wav bundle active?)\n";
        }
        StringBuilder sb = new StringBuilder();
        List<StoredRecording> all = new ArrayList<>();
        for (RecordingStore store : stores.values()) {
            sb.append("Recordings in ").append(store.directory()).append('\n');
            all.addAll(store.recent(count));
        }
        all.sort(Comparator.comparing(StoredRecording::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return sb.append(format(all.subList(0, Math.min(count, all.size())), clock.instant())).toString();
    }

    static String format(List<StoredRecording> recordings, Instant now) {
        if (recordings.isEmpty()) {
            return "(no recordings)\n";
        }
        Table t = new Table("DATE", "SESSION", "STATE", "STARTED", "DURATION", "STREAMS", "SIZE", "CALL-ID", "FOLDER");
        for (StoredRecording r : recordings) {
            Instant end = r.endedAt() != null ? r.endedAt() : "active".equals(r.state()) ? now : null;
            String duration = r.startedAt() == null || end == null ? null : duration(Duration.between(r.startedAt(), end));
            String started = r.startedAt() == null ? null : r.startedAt().toString().replace('T', ' ').replaceFirst("(\\.\\d+)?Z$", "Z");
            t.row(r.date(), r.name(), r.state(), started, duration, r.streams(), size(r.bytes()), r.callId(), r.folder());
        }
        return t.toString();
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
