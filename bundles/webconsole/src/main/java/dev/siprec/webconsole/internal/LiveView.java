package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.siprec.health.api.HealthService;
import dev.siprec.recording.api.SessionDetails;

/**
 * The parts of the SIPREC page that change by themselves (health, drain state, live calls), as one
 * snapshot rendered by the same {@link PageRenderer} for the page and for {@code live.json}: the
 * page's script fetches the JSON every {@link #REFRESH_MS} and swaps only those sections, so the
 * recordings list and a playing audio element are left alone.
 *
 * @param health the health results, or {@code null} when no health service runs
 * @param healthy the verdict, or {@code null} when no health service runs
 * @param draining the drain state, or {@code null} when no SIP stack runs
 * @param calls the live calls, or {@code null} when no session service runs
 */
record LiveView(List<HealthService.CheckResult> health, Boolean healthy, Boolean draining, List<SessionDetails> calls) {
    static final int REFRESH_MS = 2000;
    static final String HEALTH_ID = "siprec-health";
    static final String DRAIN_ID = "siprec-drain";
    static final String LIVE_ID = "siprec-live";
    private static final JsonFactory JSON = new JsonFactory();

    static LiveView of(HealthService h, Boolean draining, List<SessionDetails> calls) {
        return h == null ? new LiveView(null, null, draining, calls) : new LiveView(h.results(), h.healthy(), draining, calls);
    }

    String healthHtml(String pluginRoot) {
        return render(pluginRoot, r -> r.health(health == null ? List.of() : health, health != null));
    }

    String drainHtml(String pluginRoot, String token) {
        return render(pluginRoot, r -> r.drain(draining, token));
    }

    String liveHtml(String pluginRoot, Instant now) {
        return render(pluginRoot, r -> r.liveCalls(calls == null ? List.of() : calls, now, calls != null));
    }

    private static String render(String pluginRoot, Consumer<PageRenderer> section) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        section.accept(new PageRenderer(w, pluginRoot));
        w.flush();
        return out.toString();
    }

    /** The sections wrapped in elements the script finds by id, for the page itself. */
    void writeSections(PrintWriter w, String pluginRoot, String token, Instant now) {
        w.println("<div id='" + HEALTH_ID + "'>" + healthHtml(pluginRoot) + "</div>");
        w.println("<div id='" + DRAIN_ID + "'>" + drainHtml(pluginRoot, token) + "</div>");
        w.println("<div id='" + LIVE_ID + "'>" + liveHtml(pluginRoot, now) + "</div>");
    }

    /** {@code live.json}: the verdicts as values, the sections as the HTML the page shows. */
    void writeJson(Writer out, String pluginRoot, String token, Instant now) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("at", now.toString());
            nullableBoolean(g, "healthy", healthy);
            nullableBoolean(g, "draining", draining);
            g.writeNumberField("calls", calls == null ? 0 : calls.size());
            g.writeObjectFieldStart("sections");
            g.writeStringField(HEALTH_ID, healthHtml(pluginRoot));
            g.writeStringField(DRAIN_ID, drainHtml(pluginRoot, token));
            g.writeStringField(LIVE_ID, liveHtml(pluginRoot, now));
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void nullableBoolean(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, value);
        }
    }

    /**
     * The page's script: every {@link #REFRESH_MS} it fetches {@code live.json} and replaces a
     * section only when its HTML changed (already escaped by the server's renderer). A failed fetch
     * shows a note and the next one is tried; the script never reloads the page.
     */
    static void writeScript(PrintWriter w, String liveUrl) {
        w.println("<p class='meta'>Health, drain state and live calls refresh every " + REFRESH_MS / 1000
                + " s <span id='siprec-refresh'></span></p>");
        w.println("<script>(function(){var url=" + jsString(liveUrl) + ";var last={};var root=document.getElementById('siprec');"
                + "function tick(){fetch(url,{credentials:'same-origin',cache:'no-store',headers:{'Accept':'application/json'}})"
                + ".then(function(r){if(!r.ok){throw new Error('HTTP '+r.status);}return r.json();})"
                + ".then(function(d){var s=d.sections||{};Object.keys(s).forEach(function(id){var el=document.getElementById(id);"
                + "if(el&&typeof s[id]==='string'&&last[id]!==s[id]){last[id]=s[id];el.innerHTML=s[id];}});"
                + "root.setAttribute('data-refreshed',d.at);document.getElementById('siprec-refresh').textContent='';})"
                + ".catch(function(e){document.getElementById('siprec-refresh').textContent='(refresh paused: '+e.message+')';})"
                + ".then(function(){setTimeout(tick," + REFRESH_MS + ");});}"
                + "setTimeout(tick," + REFRESH_MS + ");})();</script>");
    }

    /** A JavaScript string literal safe inside a {@code <script>} element. */
    static String jsString(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('\'').toString();
    }
}
