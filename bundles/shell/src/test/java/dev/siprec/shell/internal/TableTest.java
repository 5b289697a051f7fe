package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsAndPrintsDashForNull() {
        String t = new Table("ID", "NAME", "STATE").row(1, "dev.siprec.api", "ACTIVE").row(12, null, "RESOLVED").toString();
        assertEquals("""
                ID  NAME            STATE
                ----------------------------
                1   dev.siprec.api  ACTIVE
                12  -               RESOLVED
                """, t);
    }

    @Test
    void formatsUptime() {
        assertEquals("00h 00m 05s", StatusCommand.uptime(Duration.ofSeconds(5)));
        assertEquals("01h 01m 01s", StatusCommand.uptime(Duration.ofSeconds(3661)));
        assertEquals("2d 00h 00m 01s", StatusCommand.uptime(Duration.ofSeconds(2 * 86400 + 1)));
    }
}
