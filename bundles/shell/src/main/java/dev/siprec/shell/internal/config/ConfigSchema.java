package dev.siprec.shell.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Turns the text an operator typed into typed configuration values, checked against the
 * metatype (OSGi Metatype §105) of the PID: the key must be declared, the value must have the
 * declared type, be one of the options when there are options, and pass the definition's own
 * validation (ranges). A refusal names what is allowed.
 */
public final class ConfigSchema {
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|secret|credential).*");

    private final Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
    private final String name;

    /** @param ocd the definition, or {@code null} when the PID has no metatype */
    public ConfigSchema(ObjectClassDefinition ocd) {
        this.name = ocd == null ? null : ocd.getName();
        if (ocd != null) {
            AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
                attributes.put(ad.getID(), ad);
            }
        }
    }

    /** @return {@code true} when the PID has a metatype to validate against. */
    public boolean known() {
        return name != null;
    }

    /** @return the definition's name, e.g. "SIPREC TLS listener", or {@code null}. */
    public String name() {
        return name;
    }

    /** @return the declared attributes in declaration order. */
    public List<AttributeDefinition> attributes() {
        return List.copyOf(attributes.values());
    }

    /** @return {@code true} when the value of {@code key} must not be shown. */
    public boolean secret(String key) {
        AttributeDefinition ad = attributes.get(key);
        return (ad != null && ad.getType() == AttributeDefinition.PASSWORD) || SECRET.matcher(key).matches();
    }

    /**
     * Converts and validates one value.
     *
     * @param force {@code true} to accept a key the metatype does not declare (kept as text)
     * @throws IllegalArgumentException with what is allowed, when the key or the value is refused
     */
    public Object convert(String key, String text, boolean force) {
        AttributeDefinition ad = attributes.get(key);
        if (ad == null) {
            if (known() && !force) {
                throw new IllegalArgumentException("unknown key " + key + " for " + name + "; keys: "
                        + String.join(", ", attributes.keySet()) + " (--force sets it anyway)");
            }
            return text;
        }
        if (ad.getCardinality() == 0) {
            return one(ad, text.trim());
        }
        List<String> parts = new ArrayList<>();
        for (String p : text.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        int max = Math.abs(ad.getCardinality());
        if (max != Integer.MAX_VALUE && parts.size() > max) {
            throw new IllegalArgumentException(key + " takes at most " + max + " values, got " + parts.size());
        }
        Object array = java.lang.reflect.Array.newInstance(javaType(ad.getType()), parts.size());
        for (int i = 0; i < parts.size(); i++) {
            java.lang.reflect.Array.set(array, i, one(ad, parts.get(i)));
        }
        return array;
    }

    private Object one(AttributeDefinition ad, String text) {
        Object value;
        try {
            value = parse(ad.getType(), text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ad.getID() + " must be " + typeName(ad.getType()) + allowed(ad) + ", not '" + text + "'");
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && Arrays.stream(options).noneMatch(o -> o.equals(text))) {
            throw new IllegalArgumentException(ad.getID() + " must be one of " + String.join(", ", options) + ", not '" + text + "'");
        }
        String problem = ad.validate(text);
        if (problem != null && !problem.isEmpty()) {
            throw new IllegalArgumentException(ad.getID() + ": " + problem + allowed(ad));
        }
        return value;
    }

    /** @return a description of what {@code ad} accepts: type, options, default. */
    public static String allowed(AttributeDefinition ad) {
        StringBuilder b = new StringBuilder();
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0) {
            b.append(" (one of ").append(String.join(", ", options)).append(')');
        }
        String[] def = ad.getDefaultValue();
        if (def != null && def.length > 0) {
            b.append(" (default ").append(String.join(",", def)).append(')');
        }
        return b.toString();
    }

    static Object parse(int type, String text) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.valueOf(text);
            case AttributeDefinition.INTEGER -> Integer.valueOf(text);
            case AttributeDefinition.SHORT -> Short.valueOf(text);
            case AttributeDefinition.BYTE -> Byte.valueOf(text);
            case AttributeDefinition.DOUBLE -> Double.valueOf(text);
            case AttributeDefinition.FLOAT -> Float.valueOf(text);
            case AttributeDefinition.CHARACTER -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("one character");
                }
                yield text.charAt(0);
            }
            case AttributeDefinition.BOOLEAN -> {
                String t = text.toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new IllegalArgumentException("true or false");
                }
                yield Boolean.valueOf(t);
            }
            default -> text;
        };
    }

    static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.LONG, AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "an integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.CHARACTER -> "one character";
            case AttributeDefinition.BOOLEAN -> "true or false";
            default -> "text";
        };
    }
}
