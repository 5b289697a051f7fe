package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the recordings root ({@code <yyyy-mm-dd>/<session>/session.json}) newest date first:
 * by date (one folder) and by participant (AoR, name or Call-ID substring). Bounded: at most
 * {@code maxResults} hits, and at most {@code maxScanned} folders read per search, so a root with
 * years of calls never makes a page slow or large.
 */
final class RecordingIndex {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingIndex.class);

    private final RecordingFiles files;
    private final int maxResults;
    private final int maxScanned;

    RecordingIndex(RecordingFiles files, int maxResults, int maxScanned) {
        this.files = files;
        this.maxResults = maxResults;
        this.maxScanned = maxScanned;
    }

    /** The hits, and whether the search stopped at a bound before it had looked everywhere. */
    record Page(List<SessionSummary> hits, boolean truncated) {
    }

    /**
     * @param date {@code yyyy-mm-dd} to look in that day only, or {@code null}/blank for every day
     * @param participant substring of a participant's AoR or name, or of the Call-ID; blank for all
     */
    Page search(String date, String participant) throws IOException {
        Path root = files.root();
        List<SessionSummary> hits = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Page(hits, false);
        }
        List<String> days;
        if (date != null && !date.isBlank()) {
            if (!RecordingFiles.isDate(date.strip())) {
                throw new IllegalArgumentException("date must be yyyy-mm-dd");
            }
            days = List.of(date.strip());
        } else {
            days = names(root, true);
        }
        int scanned = 0;
        for (String day : days) {
            Path dayDir = root.resolve(day);
            if (!Files.isDirectory(dayDir)) {
                continue;
            }
            List<SessionSummary> ofDay = new ArrayList<>();
            for (String name : names(dayDir, false)) {
                if (scanned++ >= maxScanned) {
                    sortNewestFirst(ofDay);
                    addUpTo(hits, ofDay);
                    return new Page(hits, true);
                }
                Path dir = dayDir.resolve(name);
                if (!Files.isRegularFile(dir.resolve("session.json"))) {
                    continue;
                }
                try {
                    SessionSummary s = SessionSummary.read(dir, day, name);
                    if (s.mentions(participant)) {
                        ofDay.add(s);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debug("recording {} skipped: {}", dir, e.getMessage());
                }
            }
            sortNewestFirst(ofDay);
            if (!addUpTo(hits, ofDay)) {
                return new Page(hits, true);
            }
        }
        return new Page(hits, false);
    }

    private boolean addUpTo(List<SessionSummary> hits, List<SessionSummary> more) {
        for (SessionSummary s : more) {
            if (hits.size() >= maxResults) {
                return false;
            }
            hits.add(s);
        }
        return true;
    }

    private static void sortNewestFirst(List<SessionSummary> l) {
        l.sort(Comparator.comparing(SessionSummary::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    }

    /** Folder names of {@code dir}, valid as dates (or as names), newest date first. */
    private static List<String> names(Path dir, boolean dates) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if ((dates ? RecordingFiles.isDate(n) : RecordingFiles.isName(n)) && Files.isDirectory(p)) {
                    out.add(n);
                }
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }
}
