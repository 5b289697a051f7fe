package dev.siprec.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class EventJsonTest {
    @Test
    void typedSortedAndEscaped() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("streams", 2);
        p.put("participants", new String[] {"sip:alice@example.com", "\"quoted\"\n"});
        p.put("call.id", "a\u0001b");
        p.put("timestamp", 1796280000000L);
        String json = new String(EventJson.encode("x", new Event("dev/siprec/session/ENDED", p)), StandardCharsets.UTF_8);
        assertEquals("{\"id\":\"x\",\"topic\":\"dev/siprec/session/ENDED\",\"properties\":{\"call.id\":\"a\\u0001b\","
                + "\"participants\":[\"sip:alice@example.com\",\"\\\"quoted\\\"\\n\"],\"streams\":2,\"timestamp\":1796280000000}}", json);
    }
}
