package dev.siprec.siprec.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Metadata times (issue 11): the fast reading gives what the formatter gives, or leaves the text to it. */
class MetadataTimeTest {

    private static Instant viaFormatter(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Test
    void commonShapesReadLikeTheFormatter() {
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            StringBuilder t = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1970 + random.nextInt(100),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            int frac = random.nextInt(10);
            if (frac > 0) {
                t.append('.');
                for (int k = 0; k < frac; k++) {
                    t.append(random.nextInt(10));
                }
            }
            switch (random.nextInt(3)) {
                case 0 -> t.append('Z');
                case 1 -> t.append(String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-', random.nextInt(18), random.nextInt(60)));
                default -> { }
            }
            String text = t.toString();
            assertEquals(viaFormatter(text), MetadataParser.isoInstant(text), text);
        }
    }

    @Test
    void otherTextIsLeftToTheFormatter() {
        for (String t : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-01-01T24:00:00Z",
            "2026-01-01T10:60:00Z", "2026-01-01T10:00:60Z", "2026-01-01t10:00:00Z", "2026-01-01T10:00:00z", "2026-01-01T10:00Z",
            "2026-01-01T10:00:00+0100", "2026-01-01T10:00:00+19:00", "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.1234567890Z",
            "+2026-01-01T10:00:00Z", "2026-01-01 10:00:00Z", "2026-1-01T10:00:00Z", "garbage", "2026-01-01T10:00:00Z[UTC]"}) {
            assertNull(MetadataParser.isoInstant(t), t);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), MetadataParser.isoInstant("2024-02-29T23:59:59Z"));
        assertNull(MetadataParser.isoInstant("2023-02-29T23:59:59Z"));
        assertEquals(viaFormatter("2026-01-01t10:00:00Z"), MetadataParser.time(node("2026-01-01t10:00:00Z"), "t"), "still read by the formatter");
    }

    private static XmlNode node(String time) {
        XmlNode n = new XmlNode("", "", "x");
        XmlNode t = new XmlNode("", "", "t");
        t.appendText(time);
        n.add(t);
        return n;
    }
}
