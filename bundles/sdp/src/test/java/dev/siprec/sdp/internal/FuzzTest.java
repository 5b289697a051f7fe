package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;

/**
 * Seeded mutations of the corpus: the parser either accepts (and then round-trips) or throws
 * {@link SdpParseException}, never anything else; the answerer answers whatever parses without
 * throwing; every mutated {@code a=crypto} value either parses or is refused with a reason.
 */
class FuzzTest extends AnswererTestBase {
    private static final String ALPHABET = "=: /|;^\r\n\t0123456789aAmcvosbtkiIPN.-_+x\u00e9\0";

    static List<String> corpus() {
        return Fixtures.CORPUS;
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void mutatedOffersNeverEscapeAsUnexpectedExceptions(String file) {
        String text = offerFile(file);
        Random random = new Random(file.hashCode());
        int parsed = 0;
        int answered = 0;
        for (int i = 0; i < 600; i++) {
            String mutated = mutate(text, random);
            SessionDescription d;
            try {
                d = codec.parse(mutated);
            } catch (SdpParseException e) {
                assertNotNull(e.reason());
                continue;
            }
            parsed++;
            String formatted = codec.format(d);
            try {
                assertEquals(d, codec.parse(formatted), () -> "round trip of mutation of " + file);
            } catch (SdpParseException e) {
                throw new AssertionError("formatted output does not parse: " + e.getMessage() + "\n" + formatted, e);
            }
            try (AnswerSession s = session()) {
                OfferAnswer oa = s.answer(d, ports);
                assertEquals(d.media().size(), oa.media().size());
                if (oa.acceptable()) {
                    answered++;
                    codec.parse(codec.format(oa.answer()));
                }
            } catch (SdpParseException e) {
                throw new AssertionError("answer does not parse: " + e.getMessage(), e);
            }
        }
        assertTrue(parsed > 60, "too few mutations parsed: " + parsed);
        assertTrue(answered > 30, "too few mutations answered: " + answered);
        assertEquals(0, keys.liveKeys());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void mutatedCryptoValuesAreParsedOrRefusedWithAReason(String file) throws Exception {
        Random random = new Random(31 * file.hashCode());
        for (String value : codec.parse(offerFile(file)).media().stream()
                .flatMap(m -> m.attributes("crypto").stream()).toList()) {
            for (int i = 0; i < 300; i++) {
                String mutated = mutate(value, random);
                try {
                    CryptoCodec.parse(mutated).wipe();
                } catch (SdpParseException e) {
                    assertTrue(e.reason().length() > 5);
                }
            }
        }
    }

    private static String mutate(String text, Random r) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(6)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                case 2 -> b.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                case 3 -> b.setLength(at);
                case 4 -> {
                    int end = Math.min(b.length(), at + 1 + r.nextInt(60));
                    b.insert(at, b.substring(at, end));
                }
                default -> {
                    int end = Math.min(b.length(), at + 1 + r.nextInt(20));
                    b.delete(at, end);
                }
            }
        }
        return b.toString();
    }
}
