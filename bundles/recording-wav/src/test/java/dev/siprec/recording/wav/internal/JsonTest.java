package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesAndRoundTrips() {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t bell\u0007 nul\u0000 ls\u2028 é 😀 <tag>&";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", nasty);
        m.put("n", null);
        m.put("l", 12345678901L);
        m.put("b", true);
        m.put("d", 2.5);
        m.put("list", Arrays.asList("a", null, 3L));
        m.put("empty", List.of());
        m.put("obj", Map.of());
        String text = Json.write(m);
        assertTrue(text.contains("\\\"") && text.contains("\\\\") && text.contains("\\n") && text.contains("\\u0007")
                && text.contains("\\u0000") && text.contains("\\u2028"), text);
        assertEquals(m, Json.parse(text));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        // a lone surrogate is not Unicode text: U+FFFD, so that the UTF-8 file stays valid
        assertEquals("\"a\uFFFDb\\n\uFFFD\"\n", Json.write("a\ud800b\n\udc00"));
        assertEquals("\"\uD83D\uDE00\"\n", Json.write("\uD83D\uDE00"), "a pair is kept");
        assertEquals("\"\uFFFD\uD83D\uDE00\"\n", Json.write("\uDE00\uD83D\uDE00"));
    }

    @Test
    void rejectsNumbersBeyondLong() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[123456789012345678901234567890]"));
        assertEquals(List.of(Long.MAX_VALUE), Json.parse("[9223372036854775807]"));
    }

    @Test
    void keepsKeyOrder() {
        Object v = Json.parse("{\"z\":1,\"a\":{\"y\":[1,2.5e1,-3]},\"m\":\"\\u0041\"}");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) v).keySet()));
        assertEquals("A", ((Map<?, ?>) v).get("m"));
        assertEquals(List.of(1L, 25.0, -3L), ((Map<?, ?>) ((Map<?, ?>) v).get("a")).get("y"));
    }

    @Test
    void rejectsInvalidAndTooDeepInput() {
        for (String bad : new String[] {"", "{", "{\"a\"}", "[1,]", "\"abc", "tru", "{} x", "\"\\q\"", "[\"\u0001\"]", "{1:2}", "-"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
        assertEquals(List.of(List.of()), Json.parse("[[]]"));
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", Double.NaN)));
    }

    @Test
    void utf8BytesAreTheTextsBytes() {
        java.util.Random random = new java.util.Random(5);
        String alphabet = "aZ09 \"\\/\n\r\t\u0000\u0007\u001f\u007f\u0080\u00e9\u2028\u2029\u4e2d\ud83d\ude00\ud800\udc00\ufffd<>&'";
        for (int round = 0; round < 300; round++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = sb.toString();
                Object value = switch (random.nextInt(6)) {
                    case 0 -> text;
                    case 1 -> random.nextLong();
                    case 2 -> random.nextDouble() * 1000;
                    case 3 -> Arrays.asList(text, null, random.nextBoolean(), List.of());
                    case 4 -> Map.of(text, text, "n", 7);
                    default -> null;
                };
                m.put(text + k, value);
            }
            assertEquals(Arrays.toString(Json.write(m).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Arrays.toString(Json.writeUtf8(m)), () -> Json.write(m));
        }
    }
}
