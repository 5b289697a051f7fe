package dev.siprec.webhook.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;

/**
 * The JSON a receiver gets for one event, written with Jackson's streaming generator:
 * <pre>{"id":"…uuid…","topic":"dev/siprec/session/ENDED","properties":{"call.id":"…","streams":2,…}}</pre>
 * Property values keep their JSON type (numbers, booleans, arrays of strings); anything else is
 * written as its string form. Properties are sorted by name, so equal events give equal bytes.
 */
final class EventJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private EventJson() {
    }

    static byte[] encode(Event event) {
        return encode(UUID.randomUUID().toString(), event);
    }

    static byte[] encode(String id, Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("topic", event.getTopic());
            g.writeObjectFieldStart("properties");
            String[] names = event.getPropertyNames();
            Arrays.sort(names);
            for (String name : names) {
                if (name.equals(EventConstants.EVENT_TOPIC)) {
                    continue;
                }
                g.writeFieldName(name);
                value(g, event.getProperty(name));
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                value(g, Array.get(v, i));
            }
            g.writeEndArray();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
