package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;

/**
 * Jazzer targets for SDP offers with {@code a=crypto} (issue 9): seeds under
 * {@code SdpFuzzInputs/<method>/}, replayed as regression tests in {@code mvn verify}, fuzzed with
 * {@code JAZZER_FUZZ=1} (docs/security.md). The declared error is {@link SdpParseException}; anything
 * else, formatted text that does not parse back to itself, or a key left unwiped is a bug.
 */
class SdpFuzz extends AnswererTestBase {

    @FuzzTest(maxDuration = "10m")
    void offer(byte[] body) {
        SessionDescription d;
        try {
            d = codec.parse(body);
        } catch (SdpParseException e) {
            assertNotNull(e.reason());
            return;
        }
        // The writer puts lines in RFC 8866 order (an e= after t= moves before it), so the fixed point
        // is the formatted text: what the server writes parses back to the same text.
        String formatted = codec.format(d);
        try {
            assertEquals(formatted, codec.format(codec.parse(formatted)), "format/parse round trip");
        } catch (SdpParseException e) {
            throw new AssertionError("formatted description does not parse: " + e.getMessage(), e);
        }
        try (AnswerSession s = session()) {
            OfferAnswer oa = s.answer(d, ports);
            assertEquals(d.media().size(), oa.media().size());
            if (oa.acceptable()) {
                codec.parse(codec.format(oa.answer()));
            }
        } catch (SdpParseException e) {
            throw new AssertionError("the answer does not parse: " + e.getMessage(), e);
        }
        assertEquals(0, keys.liveKeys(), "keys left unwiped");
    }

    @FuzzTest(maxDuration = "10m")
    void crypto(byte[] value) {
        try {
            CryptoCodec.parse(new String(value, StandardCharsets.UTF_8)).wipe();
        } catch (SdpParseException e) {
            assertNotNull(e.reason());
        }
    }
}
