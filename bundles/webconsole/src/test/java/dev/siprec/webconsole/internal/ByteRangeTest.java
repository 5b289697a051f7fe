package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static ByteRange partial(String header, long size) {
        return assertInstanceOf(ByteRange.Partial.class, ByteRange.parse(header, size)).range();
    }

    @Test
    void closedOpenAndSuffixRanges() {
        assertEquals(new ByteRange(0, 99), partial("bytes=0-99", 1000));
        assertEquals(new ByteRange(500, 999), partial("bytes=500-", 1000));
        assertEquals(new ByteRange(900, 999), partial("bytes=-100", 1000));
        assertEquals(new ByteRange(0, 999), partial("bytes=-5000", 1000));
        assertEquals(new ByteRange(0, 0), partial("BYTES = 0-0", 1000));
    }

    @Test
    void aLastPositionBeyondTheEndIsCut() {
        ByteRange r = partial("bytes=990-2000", 1000);
        assertEquals(new ByteRange(990, 999), r);
        assertEquals(10, r.length());
        assertEquals("bytes 990-999/1000", r.contentRange(1000));
    }

    @Test
    void startBeyondTheEndIsUnsatisfiable() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=1000-", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-0", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=0-", 0));
    }

    @Test
    void malformedOtherUnitsAndMultipleRangesGiveTheWholeFile() {
        for (String h : new String[] {null, "", "bytes", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-1", "items=0-1",
                "bytes=0-1,5-6", "bytes=+1-2", "bytes=99999999999999999999-", "bytes=0-" + "1".repeat(300)}) {
            assertInstanceOf(ByteRange.Full.class, ByteRange.parse(h, 1000), String.valueOf(h));
        }
    }
}
