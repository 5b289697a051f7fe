package dev.siprec.shell.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigSchemaTest {
    private final ConfigSchema schema = new ConfigSchema(ocd(
            ad("port", AttributeDefinition.INTEGER, 0, null, "5061"),
            ad("client.auth", AttributeDefinition.STRING, 0, new String[] {"none", "want", "need"}, "none"),
            ad("protocols", AttributeDefinition.STRING, -10, null, "TLSv1.3", "TLSv1.2"),
            ad("enabled", AttributeDefinition.BOOLEAN, 0, null, "true"),
            ad("key.password", AttributeDefinition.PASSWORD, 0, null)));

    @Test
    void convertsToTheDeclaredType() {
        assertEquals(5071, schema.convert("port", "5071", false));
        assertEquals(Boolean.FALSE, schema.convert("enabled", "false", false));
        assertEquals("need", schema.convert("client.auth", "need", false));
        assertArrayEquals(new String[] {"TLSv1.3"}, (String[]) schema.convert("protocols", "TLSv1.3", false));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, (String[]) schema.convert("protocols", "TLSv1.3, TLSv1.2", false));
    }

    @Test
    void refusesWrongValuesSayingWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.convert("port", "50x", false));
        assertTrue(e.getMessage().contains("port must be an integer") && e.getMessage().contains("default 5061"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> schema.convert("client.auth", "always", false));
        assertTrue(e.getMessage().contains("one of none, want, need"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> schema.convert("enabled", "yes", false));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void refusesUnknownKeysUnlessForced() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.convert("prot", "1", false));
        assertTrue(e.getMessage().contains("keys: port, client.auth"), e.getMessage());
        assertEquals("1", schema.convert("prot", "1", true));
    }

    @Test
    void masksSecrets() {
        assertTrue(schema.secret("key.password"));
        assertTrue(schema.secret("webhook.secret"));
        assertFalse(schema.secret("port"));
    }

    @Test
    void withoutMetatypeAcceptsText() {
        ConfigSchema none = new ConfigSchema(null);
        assertFalse(none.known());
        assertEquals("x", none.convert("anything", "x", false));
    }

    @Test
    void parsesFactoryReferences() {
        assertEquals(new ConfigAccess.Ref("dev.siprec.transport.tls", "default"), ConfigAccess.Ref.parse("dev.siprec.transport.tls-default"));
        assertEquals(new ConfigAccess.Ref("dev.siprec.transport.tls", "a-b"), ConfigAccess.Ref.parse("dev.siprec.transport.tls~a-b"));
        assertEquals(new ConfigAccess.Ref(null, "dev.siprec.srtp"), ConfigAccess.Ref.parse("dev.siprec.srtp"));
    }

    private static ObjectClassDefinition ocd(AttributeDefinition... ads) {
        return new ObjectClassDefinition() {
            public String getName() { return "SIPREC TLS listener"; }
            public String getID() { return "tls"; }
            public String getDescription() { return ""; }
            public AttributeDefinition[] getAttributeDefinitions(int filter) { return ads; }
            public InputStream getIcon(int size) { return null; }
        };
    }

    private static AttributeDefinition ad(String id, int type, int cardinality, String[] options, String... def) {
        return new AttributeDefinition() {
            public String getName() { return id; }
            public String getID() { return id; }
            public String getDescription() { return ""; }
            public int getCardinality() { return cardinality; }
            public int getType() { return type; }
            public String[] getOptionValues() { return options; }
            public String[] getOptionLabels() { return options; }
            public String validate(String value) { return null; }
            public String[] getDefaultValue() { return def.length == 0 ? null : def; }
        };
    }
}
