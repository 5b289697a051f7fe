package dev.siprec.webconsole.internal;

import static dev.siprec.webconsole.internal.Html.esc;
import static dev.siprec.webconsole.internal.Html.q;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.siprec.health.api.HealthService;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.SessionDetails;
import dev.siprec.recording.api.StreamState;

/** Renders the SIPREC page's sections as HTML; every value from the outside goes through {@link Html#esc}. */
final class PageRenderer {
    private final PrintWriter w;
    private final String pluginRoot;

    PageRenderer(PrintWriter w, String pluginRoot) {
        this.w = w;
        this.pluginRoot = pluginRoot;
    }

    void styles() {
        w.println("<style>.siprec table{border-collapse:collapse;margin:4px 0 12px}.siprec td,.siprec th{border:1px solid #ccc;"
                + "padding:2px 6px;text-align:left;vertical-align:top}.siprec .ok{color:#070}.siprec .warn{color:#a60}"
                + ".siprec .critical{color:#b00;font-weight:bold}.siprec .meta{font-size:90%}</style>");
    }

    void health(List<HealthService.CheckResult> results, boolean healthAvailable) {
        w.println("<h2>Health</h2>");
        if (!healthAvailable) {
            w.println("<p>The health service is not running (bundle dev.siprec.metrics).</p>");
            return;
        }
        w.println("<table id='health'><tr><th>Check</th><th>Status</th><th>Message</th><th>At</th></tr>");
        for (HealthService.CheckResult r : results) {
            String cls = r.result().status().name().toLowerCase(Locale.ROOT);
            w.println("<tr><td>" + esc(r.name()) + "</td><td class='" + cls + "'>" + esc(r.result().status()) + "</td><td>"
                    + esc(r.result().message()) + "</td><td>" + esc(r.at()) + "</td></tr>");
        }
        w.println("</table>");
    }

    void drain(Boolean draining, String token) {
        w.println("<h2>Service</h2>");
        if (draining == null) {
            w.println("<p>The SIP stack is not running.</p>");
            return;
        }
        w.println("<form id='drain-form' method='post' action='" + esc(pluginRoot + "/drain") + "'>");
        w.println("<input type='hidden' name='token' value='" + esc(token) + "'>");
        w.println("<p>State: <b id='drain-state'>" + (draining ? "draining (new sessions get 503)" : "accepting new sessions") + "</b> ");
        w.println("<input type='hidden' name='draining' value='" + (!draining) + "'>");
        w.println("<button type='submit' id='drain-button'>" + (draining ? "Accept new sessions (undrain)" : "Drain") + "</button></p>");
        w.println("</form>");
    }

    void liveCalls(List<SessionDetails> calls, Instant now, boolean available) {
        w.println("<h2>Live calls</h2>");
        if (!available) {
            w.println("<p>The recording-session service is not running (bundle dev.siprec.siprec).</p>");
            return;
        }
        if (calls.isEmpty()) {
            w.println("<p id='no-live-calls'>No active recording session.</p>");
            return;
        }
        w.println("<table id='live-calls'><tr><th>Session</th><th>Source</th><th>Transport</th><th>State</th><th>Participants</th>"
                + "<th>Streams</th><th>Suite</th><th>Packets</th><th>Lost</th><th>Duration</th></tr>");
        for (SessionDetails d : calls) {
            long packets = d.streams().stream().mapToLong(StreamState::received).sum();
            long lost = d.streams().stream().mapToLong(StreamState::lost).sum();
            String suites = d.streams().stream().map(StreamState::srtpSuite).map(s -> s == null ? "RTP" : s).distinct()
                    .collect(Collectors.joining(", "));
            String parties = d.session().participants().stream().map(PageRenderer::party).collect(Collectors.joining(", "));
            String streams = d.streams().stream().map(s -> (s.label() == null ? s.key() : s.label()) + " " + (s.codec() == null ? "" : s.codec()))
                    .collect(Collectors.joining(", "));
            long secs = Math.max(0, Duration.between(d.session().startedAt(), now).getSeconds());
            w.println("<tr><td>" + esc(d.session().id()) + "</td><td>" + esc(d.session().peer()) + "</td><td>" + esc(d.session().transport())
                    + "</td><td>" + esc(d.state()) + "</td><td>" + esc(parties) + "</td><td>" + esc(streams) + "</td><td>" + esc(suites)
                    + "</td><td>" + packets + "</td><td>" + lost + " (" + percent(lost, packets + lost) + ")</td><td>"
                    + String.format(Locale.ROOT, "%d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60) + "</td></tr>");
        }
        w.println("</table>");
    }

    private static String party(Participant p) {
        return p.name() != null ? p.name() + " <" + p.aor() + ">" : String.valueOf(p.aor());
    }

    static String percent(long part, long whole) {
        return whole <= 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    void searchForm(String date, String participant) {
        w.println("<h2>Recordings</h2>");
        w.println("<form id='search' method='get' action='" + esc(pluginRoot) + "'>Date <input type='date' name='date' value='"
                + esc(date == null ? "" : date) + "'> Participant <input type='text' name='participant' maxlength='200' value='"
                + esc(participant == null ? "" : participant) + "'> <button type='submit'>Search</button></form>");
    }

    void recordings(RecordingIndex.Page page, String error) {
        if (error != null) {
            w.println("<p class='critical'>" + esc(error) + "</p>");
            return;
        }
        if (page.hits().isEmpty()) {
            w.println("<p id='no-recordings'>No recording found.</p>");
            return;
        }
        w.println("<table id='recordings'><tr><th>Recording</th><th>Metadata</th></tr>");
        for (SessionSummary s : page.hits()) {
            w.println("<tr class='recording' data-call-id='" + esc(s.callId()) + "'><td>");
            String playable = s.stereoFile() != null ? s.stereoFile() : s.streams().isEmpty() ? null : s.streams().get(0).file();
            if (playable != null) {
                w.println("<audio controls preload='metadata' src='" + esc(audioUrl(s, playable)) + "'></audio>");
            }
            w.println("<div class='meta'>");
            for (SessionSummary.Track t : s.streams()) {
                if (t.file() != null) {
                    w.println("<a href='" + esc(audioUrl(s, t.file())) + "'>" + esc(t.file()) + "</a> ");
                }
            }
            w.println("</div></td><td class='meta'><b>" + esc(s.startedAt()) + "</b> &ndash; " + esc(s.endedAt()) + " ("
                    + esc(s.state()) + (s.endReason() == null ? "" : ", " + esc(s.endReason())) + ")<br>Call-ID " + esc(s.callId())
                    + "<br>Session " + esc(s.id()) + "<br>Source " + esc(s.peer()) + " over " + esc(s.transport()) + "<br>Participants: ");
            w.println(esc(s.participants().stream().map(p -> (p.name() == null ? "" : p.name() + " ") + "<" + p.aor() + ">")
                    .collect(Collectors.joining(", "))));
            w.println("<br>Streams: " + esc(s.streams().stream().map(t -> t.label() + " " + t.codec() + " " + (t.suite() == null ? "RTP" : t.suite())
                    + " " + t.received() + " pkts, " + t.lost() + " lost, " + t.durationMs() + " ms").collect(Collectors.joining("; "))));
            w.println("<br>Folder " + esc(s.date() + "/" + s.folder()) + "</td></tr>");
        }
        w.println("</table>");
        if (page.truncated()) {
            w.println("<p>More recordings match: narrow the search by date or participant.</p>");
        }
    }

    private String audioUrl(SessionSummary s, String file) {
        return pluginRoot + "/play.wav?d=" + q(s.date()) + "&s=" + q(s.folder()) + "&f=" + q(file);
    }
}
