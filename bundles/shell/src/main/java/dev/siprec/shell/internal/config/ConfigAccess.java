package dev.siprec.shell.internal.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Finds configurations the way an operator names them: by PID, by the FileInstall file name
 * without {@code .cfg} ({@code dev.siprec.transport.tls-default} for one instance of a factory
 * configuration), or by the Config Admin PID of that instance
 * ({@code dev.siprec.transport.tls~default}); and finds the metatype that describes them.
 */
public final class ConfigAccess {
    /** The property FileInstall keeps the backing file in. */
    public static final String FILE = "felix.fileinstall.filename";

    private final BundleContext context;
    private final ConfigurationAdmin admin;
    private final MetaTypeService metatype;

    public ConfigAccess(BundleContext context, ConfigurationAdmin admin, MetaTypeService metatype) {
        this.context = context;
        this.admin = admin;
        this.metatype = metatype;
    }

    /** @return every configuration, sorted by PID. */
    public List<Configuration> all() throws IOException {
        Configuration[] cs;
        try {
            cs = admin.listConfigurations(null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Configuration> list = new ArrayList<>(Arrays.asList(cs == null ? new Configuration[0] : cs));
        list.sort(Comparator.comparing(Configuration::getPid));
        return list;
    }

    /** @return the existing configuration {@code ref} names. */
    public Optional<Configuration> find(String ref) throws IOException {
        for (Configuration c : all()) {
            if (ref.equals(c.getPid()) || ref.equals(fileName(c))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * @return the schema for a configuration that does not exist yet: its factory PID's when
     *         {@code ref} names a factory instance, else its PID's
     * @throws IllegalArgumentException when no bundle declares the PID and {@code force} is not set
     */
    public ConfigSchema schema(String ref, boolean force) {
        Ref r = Ref.parse(ref);
        if (r.factoryPid() != null) {
            Optional<ObjectClassDefinition> f = ocd(r.factoryPid(), true);
            if (f.isPresent()) {
                return new ConfigSchema(f.get());
            }
        }
        Optional<ObjectClassDefinition> plain = ocd(ref, false);
        if (plain.isPresent() || force) {
            return new ConfigSchema(plain.orElse(null));
        }
        throw new IllegalArgumentException("no configuration " + ref + " and no bundle declares that PID; "
                + "see config-list, or add --force to create it anyway");
    }

    /** @return a new configuration, unbound so that any bundle may use it, for {@code ref}. */
    public Configuration create(String ref) throws IOException {
        Ref r = Ref.parse(ref);
        if (r.factoryPid() != null && ocd(r.factoryPid(), true).isPresent()) {
            return admin.getFactoryConfiguration(r.factoryPid(), r.name(), "?");
        }
        return admin.getConfiguration(ref, "?");
    }

    /** @return the schema of the configuration (its factory PID's for a factory instance). */
    public ConfigSchema schema(Configuration c) {
        String factory = c.getFactoryPid();
        return new ConfigSchema(ocd(factory != null ? factory : c.getPid(), factory != null).orElse(null));
    }

    private Optional<ObjectClassDefinition> ocd(String pid, boolean factory) {
        if (metatype == null) {
            return Optional.empty();
        }
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            String[] pids = factory ? info.getFactoryPids() : info.getPids();
            if (pids != null && Arrays.asList(pids).contains(pid)) {
                try {
                    return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** @return the name an operator knows the configuration by: its file name without {@code .cfg}, else its PID. */
    public static String displayName(Configuration c) {
        String f = fileName(c);
        return f != null ? f : c.getPid();
    }

    /** @return the backing file's name without {@code .cfg}, or {@code null} when FileInstall has not saved it. */
    static String fileName(Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        Object file = p == null ? null : p.get(FILE);
        if (file == null) {
            return null;
        }
        String s = file.toString();
        s = s.substring(s.lastIndexOf('/') + 1);
        return s.endsWith(".cfg") ? s.substring(0, s.length() - 4) : s;
    }

    /** @return the backing file as FileInstall recorded it, or {@code null}. */
    public static String file(Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        Object file = p == null ? null : p.get(FILE);
        return file == null ? null : file.toString();
    }

    /**
     * A reference as typed: {@code factoryPid-name} or {@code factoryPid~name} names an instance of
     * a factory configuration (FileInstall splits its file names at the first {@code -}, and PIDs
     * contain none), anything else a plain PID.
     */
    record Ref(String factoryPid, String name) {
        static Ref parse(String ref) {
            int tilde = ref.indexOf('~');
            int dash = ref.indexOf('-');
            int at = tilde > 0 ? tilde : dash;
            if (at > 0 && at < ref.length() - 1) {
                return new Ref(ref.substring(0, at), ref.substring(at + 1));
            }
            return new Ref(null, ref);
        }
    }
}
