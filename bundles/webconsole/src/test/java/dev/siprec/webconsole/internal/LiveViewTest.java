package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService.CheckResult;

class LiveViewTest {
    private static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");

    /** Reads the flat fields and the sections of live.json with a real parser. */
    private static Map<String, String> parse(String json) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            String prefix = "";
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("sections")) {
                    prefix = "sections.";
                } else if (p.currentToken().isScalarValue()) {
                    out.put(prefix + p.currentName(), p.getValueAsString() == null ? p.getText() : p.getValueAsString());
                }
            }
        }
        return out;
    }

    @Test
    void theJsonCarriesTheVerdictsAndTheSameEscapedSectionsAsThePage() throws Exception {
        List<CheckResult> health = List.of(new CheckResult("disk.space", HealthResult.critical("<script>alert(1)</script> full"), NOW));
        LiveView view = new LiveView(health, false, true, List.of());
        StringWriter json = new StringWriter();
        view.writeJson(json, "/system/console/siprec", "tok", NOW);
        Map<String, String> m = parse(json.toString());
        assertEquals("false", m.get("healthy"));
        assertEquals("true", m.get("draining"));
        assertEquals("0", m.get("calls"));
        String h = m.get("sections." + LiveView.HEALTH_ID);
        assertTrue(h.contains("&lt;script&gt;alert(1)&lt;/script&gt; full"), h);
        assertFalse(h.contains("<script>"), h);
        assertTrue(m.get("sections." + LiveView.DRAIN_ID).contains("id='drain-state'>draining"), m.toString());
        assertTrue(m.get("sections." + LiveView.LIVE_ID).contains("No active recording session"), m.toString());

        StringWriter page = new StringWriter();
        view.writeSections(new PrintWriter(page, true), "/system/console/siprec", "tok", NOW);
        assertTrue(page.toString().contains("<div id='" + LiveView.HEALTH_ID + "'>" + h + "</div>"), "the page and the JSON render alike");
    }

    @Test
    void missingServicesAreNullNotFalse() throws Exception {
        StringWriter json = new StringWriter();
        LiveView.of(null, null, null).writeJson(json, "/c/siprec", "tok", NOW);
        Map<String, String> m = parse(json.toString());
        assertEquals("null", m.get("healthy"));
        assertEquals("null", m.get("draining"));
        assertTrue(m.get("sections." + LiveView.HEALTH_ID).contains("not running"));
    }

    @Test
    void theScriptUrlCannotBreakOutOfItsString() {
        assertEquals("'/system/console/siprec/live.json'", LiveView.jsString("/system/console/siprec/live.json"));
        String s = LiveView.jsString("/x'</script><script>alert(1)//");
        assertFalse(s.contains("<") || s.substring(1, s.length() - 1).contains("'"), s);
    }
}
