package dev.siprec.siprec.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the RFC 7865 metadata XML (issue 9): seeds under
 * {@code MetadataFuzzInputs/parse/}, replayed as regression tests in {@code mvn verify}, fuzzed with
 * {@code JAZZER_FUZZ=1} (docs/security.md). The declared error is {@link MetadataException}; any
 * other exception, an entity expanded, an OOM or a hang is a bug. A parsed document is then applied
 * twice to a session's state, as a first body and as an update.
 */
class MetadataFuzz {
    private final MetadataParser parser = new MetadataParser();

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] body) {
        Metadata m;
        try {
            m = parser.parse(body);
        } catch (MetadataException e) {
            assertNotNull(e.getMessage());
            return;
        }
        MetadataState state = new MetadataState();
        state.apply(m);
        state.apply(m);
        state.participants();
        state.groupId();
        assertTrue(state.current().participants().size() <= MetadataState.MAX_ENTRIES, "more entries than the cap");
    }
}
