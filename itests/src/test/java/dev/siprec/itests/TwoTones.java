package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The check the call tests share: a session folder holds {@code stream-1.wav} with the 440 Hz tone of label 1 and
 * {@code stream-2.wav} with the 1,000 Hz tone of label 2, each as long as the media sent (within 5 %).
 */
final class TwoTones {
    private TwoTones() {
    }

    /** As {@link #assertRecorded(Path, double)}, a failure's message followed by {@code context} (e.g. what the senders reported). */
    static void assertRecorded(Path dir, double seconds, java.util.function.Supplier<String> context) throws IOException {
        try {
            assertRecorded(dir, seconds);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
        }
    }

    static void assertRecorded(Path dir, double seconds) throws IOException {
        Audio s1 = Audio.read(dir.resolve("stream-1.wav"));
        Audio s2 = Audio.read(dir.resolve("stream-2.wav"));
        assertEquals(seconds, s1.seconds(), seconds * 0.05, "stream-1.wav duration");
        assertEquals(seconds, s2.seconds(), seconds * 0.05, "stream-2.wav duration");
        assertEquals(440.0, s1.dominant(0, 440, 1000), "tone of label 1");
        assertEquals(1000.0, s2.dominant(0, 440, 1000), "tone of label 2");
        assertTrue(s1.power(0, 440) > 0.5, "440 Hz should carry most of stream 1's energy: " + s1.power(0, 440));
        assertTrue(s2.power(0, 1000) > 0.5, "1000 Hz should carry most of stream 2's energy: " + s2.power(0, 1000));
    }
}
