package dev.siprec.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Constants;

/**
 * Framework properties: built-in defaults, then {@code etc/config.properties}, then system
 * properties of the same names. {@code ${name}} is replaced by other properties or system properties.
 */
final class LauncherConfig {
    private static final Pattern VAR = Pattern.compile("\\$\\{([^}]+)}");

    private LauncherConfig() {
    }

    static Map<String, String> load(Path home, boolean headless) throws IOException {
        Map<String, String> p = new HashMap<>();
        p.put("siprec.home", home.toString());
        p.put("siprec.data", home.resolve("data").toString());
        p.put(Constants.FRAMEWORK_STORAGE, "${siprec.data}/cache");
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(StartLevels.BEGINNING));
        p.put("felix.fileinstall.dir", "${siprec.home}/etc");
        p.put("felix.fileinstall.filter", ".*\\.cfg");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("gosh.home", "${siprec.home}");

        Path file = home.resolve("etc/config.properties");
        if (Files.exists(file)) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
            props.stringPropertyNames().forEach(k -> p.put(k, props.getProperty(k)));
        }
        for (String k : System.getProperties().stringPropertyNames()) {
            if (p.containsKey(k) && !k.equals("siprec.home")) {
                p.put(k, System.getProperty(k));
            }
        }
        if (headless) {
            p.put("gosh.args", "--nointeractive");
        }
        return resolve(p);
    }

    static Map<String, String> resolve(Map<String, String> props) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : props.entrySet()) {
            out.put(e.getKey(), substitute(e.getValue(), props, 0));
        }
        return out;
    }

    private static String substitute(String value, Map<String, String> props, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("property reference cycle in " + value);
        }
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = props.containsKey(name) ? props.get(name) : System.getProperty(name, "");
            m.appendReplacement(sb, Matcher.quoteReplacement(substitute(v, props, depth + 1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
