package dev.siprec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupTimelineTest {
    @Test
    void eventsKeepTheirOrderAndCarryMillisecondsSinceTheJvmStarted() {
        StartupTimeline t = new StartupTimeline();
        t.mark("first");
        t.mark("second");
        List<String> events = t.events();
        assertEquals(2, events.size());
        assertTrue(events.get(0).endsWith("ms  first"), events.get(0));
        assertTrue(events.get(1).endsWith("ms  second"), events.get(1));
        long a = Long.parseLong(events.get(0).substring(0, events.get(0).indexOf(" ms")).trim());
        long b = Long.parseLong(events.get(1).substring(0, events.get(1).indexOf(" ms")).trim());
        assertTrue(a >= 0 && b >= a, events.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ms  cpu +(\\d+) ms  first").matcher(events.get(0));
        assertTrue(m.find(), events.get(0));
        assertTrue(Long.parseLong(m.group(1)) > 0, events.get(0));
    }
}
