package dev.siprec.shell.internal.config;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;

import dev.siprec.config.api.SettingsWriter;
import dev.siprec.shell.internal.Table;

/**
 * What the {@code siprec:config-*} commands do, apart from their Gogo names (which contain a
 * {@code -} no Java method can carry: each command is a small component whose {@code _main} method
 * Gogo calls with the command name as first argument). Changes go through Config Admin; FileInstall writes them
 * back to {@code etc/} ({@code felix.fileinstall.enableConfigSave}), so they survive a restart.
 */
@Component(service = {ConfigCommands.class, SettingsWriter.class})
public final class ConfigCommands implements SettingsWriter {
    private static final List<String> HIDDEN = List.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, ConfigAccess.FILE);

    private final BundleContext context;
    private final ConfigurationAdmin admin;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile MetaTypeService metatype;

    @Activate
    public ConfigCommands(BundleContext context, @Reference ConfigurationAdmin admin) {
        this.context = context;
        this.admin = admin;
    }

    private ConfigAccess access() {
        return new ConfigAccess(context, admin, metatype);
    }

    String list(String filter) throws IOException {
        Table t = new Table("NAME", "PID", "FACTORY", "KEYS", "FILE");
        for (Configuration c : access().all()) {
            String name = ConfigAccess.displayName(c);
            if (filter != null && !name.contains(filter) && !c.getPid().contains(filter)) {
                continue;
            }
            t.row(name, c.getPid(), c.getFactoryPid(), visibleKeys(c).size(), ConfigAccess.file(c));
        }
        return t.toString();
    }

    String get(String ref) throws IOException {
        Configuration c = access().find(ref).orElseThrow(() -> notFound(ref));
        ConfigSchema schema = access().schema(c);
        StringBuilder out = new StringBuilder();
        out.append(ConfigAccess.displayName(c)).append(" (PID ").append(c.getPid());
        if (schema.known()) {
            out.append(", ").append(schema.name());
        }
        out.append(")\n");
        Table t = new Table("KEY", "VALUE", "DEFAULT");
        Dictionary<String, Object> props = c.getProperties();
        List<String> keys = visibleKeys(c);
        for (String key : keys) {
            t.row(key, schema.secret(key) ? "********" : text(props.get(key)), defaultOf(schema, key));
        }
        for (AttributeDefinition ad : schema.attributes()) {
            if (!keys.contains(ad.getID())) {
                t.row(ad.getID(), "(default)", defaultOf(schema, ad.getID()));
            }
        }
        return out.append(t).toString();
    }

    /** {@code config-set pid key value...} for other bundles: validated, never forced. */
    @Override
    public String set(String pid, Map<String, String> values) throws IOException {
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return set(pid, pairs, false);
    }

    public String set(String ref, List<String> pairs, boolean force) throws IOException {
        if (pairs.isEmpty() || pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("usage: config-set PID key value [key value ...]");
        }
        ConfigAccess access = access();
        Optional<Configuration> existing = access.find(ref);
        ConfigSchema schema = existing.isPresent() ? access.schema(existing.get()) : access.schema(ref, force);
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            String key = pairs.get(i);
            if (HIDDEN.contains(key)) {
                throw new IllegalArgumentException(key + " is managed by the framework and cannot be set");
            }
            changes.put(key, schema.convert(key, pairs.get(i + 1), force));
        }
        Path etc = etc();
        if (existing.isEmpty() && etc != null) {
            if (!ref.matches("[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)?")) {
                throw new IllegalArgumentException("a new configuration is named pid or factoryPid-name (letters, digits, '.', '_'), not " + ref);
            }
            String created = create(etc.resolve(ref + ".cfg"), changes, schema);
            return created + awaitApplied(access, ref);
        }
        Configuration c = existing.isPresent() ? existing.get() : access.create(ref);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            Object old = props.get(e.getKey());
            props.put(e.getKey(), e.getValue());
            String shown = schema.secret(e.getKey()) ? "********" : text(e.getValue());
            out.append(e.getKey()).append(": ").append(old == null ? "(default)" : schema.secret(e.getKey()) ? "********" : text(old))
                    .append(" -> ").append(shown).append('\n');
        }
        c.update(props);
        out.append("updated ").append(ConfigAccess.displayName(c)).append(" (PID ").append(c.getPid()).append(')');
        String file = ConfigAccess.file(c);
        out.append(file != null ? "; saved to " + file : "; FileInstall saves it to etc/").append('\n');
        return out.toString();
    }

    /**
     * A new configuration becomes a new file in FileInstall's folder, which FileInstall turns into
     * the configuration within its poll interval: so it is backed by {@code etc/} from the start,
     * exactly like one an operator wrote by hand.
     */
    private static String create(Path file, Map<String, Object> values, ConfigSchema schema) throws IOException {
        StringBuilder body = new StringBuilder("# created by siprec:config-set\n");
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String v = text(e.getValue());
            if (v.chars().anyMatch(ch -> ch < 0x20)) {
                throw new IllegalArgumentException(e.getKey() + ": control characters are not allowed in a value");
            }
            body.append(e.getKey()).append(" = ").append(v.replace("\\", "\\\\")).append('\n');
            out.append(e.getKey()).append(": (default) -> ").append(schema.secret(e.getKey()) ? "********" : v).append('\n');
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, body);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return out.append("created ").append(file).append('\n').toString();
    }

    /**
     * Waits until FileInstall has turned the new file into a configuration, so that the next
     * command (config-get, or whatever depends on the setting) sees it: a command that returns
     * before its change exists is a race for every script that calls it.
     */
    private String awaitApplied(ConfigAccess access, String ref) throws IOException {
        long poll = 2000;
        String configured = context.getProperty("felix.fileinstall.poll");
        if (configured != null) {
            try {
                poll = Math.max(100, Long.parseLong(configured.trim()));
            } catch (NumberFormatException e) {
                // FileInstall falls back to its default as well
            }
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(10_000, 5 * poll));
        while (System.nanoTime() < deadline) {
            if (access.find(ref).isPresent()) {
                return "applied\n";
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "not applied yet: FileInstall picks the file up within its poll interval (" + poll + " ms)\n";
    }

    private Path etc() {
        String dir = context.getProperty("felix.fileinstall.dir");
        if (dir == null) {
            return null;
        }
        Path p = Path.of(dir);
        return Files.isDirectory(p) ? p : null;
    }

    String delete(String ref) throws IOException {
        Configuration c = access().find(ref).orElseThrow(() -> notFound(ref));
        String name = ConfigAccess.displayName(c);
        String file = ConfigAccess.file(c);
        String pid = c.getPid();
        c.delete();
        return "deleted " + name + " (PID " + pid + ")" + (file != null ? "; FileInstall removes " + file : "") + "\n";
    }

    private static IllegalArgumentException notFound(String ref) {
        return new IllegalArgumentException("no configuration " + ref + " (see config-list)");
    }

    private static List<String> visibleKeys(Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        List<String> keys = new ArrayList<>();
        if (p != null) {
            for (String k : Collections.list(p.keys())) {
                if (!HIDDEN.contains(k)) {
                    keys.add(k);
                }
            }
        }
        Collections.sort(keys);
        return keys;
    }

    private static String defaultOf(ConfigSchema schema, String key) {
        Optional<AttributeDefinition> ad = schema.attributes().stream().filter(a -> a.getID().equals(key)).findFirst();
        if (ad.isEmpty() || ad.get().getDefaultValue() == null) {
            return null;
        }
        return schema.secret(key) ? "********" : String.join(",", ad.get().getDefaultValue());
    }

    static String text(Object v) {
        if (v != null && v.getClass().isArray()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Array.getLength(v); i++) {
                b.append(i == 0 ? "" : ",").append(Array.get(v, i));
            }
            return b.toString();
        }
        return String.valueOf(v);
    }
}
