package dev.siprec.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Lets every Gogo command that takes a {@link Bundle} ({@code stop}, {@code update},
 * {@code uninstall}, {@code refresh}, {@code headers}, {@code inspect}, ...) name it by id, by
 * symbolic name (optionally {@code name:version} when several versions are installed) or by
 * location. The interactive console brings such a converter with it; the headless server and the
 * admin channel do not, so without this one those commands fail with "Cannot coerce".
 */
@Component(service = Converter.class, property = Converter.CONVERTER_CLASSES + "=org.osgi.framework.Bundle")
public final class BundleConverter implements Converter {
    private final BundleContext context;

    @Activate
    public BundleConverter(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (desiredType != Bundle.class || in == null) {
            return null;
        }
        if (in instanceof Number n) {
            return context.getBundle(n.longValue());
        }
        return find(context.getBundles(), in.toString().trim());
    }

    /**
     * @return the one bundle {@code ref} names, or {@code null} when none does
     * @throws IllegalArgumentException when a symbolic name matches several bundles
     */
    static Bundle find(Bundle[] bundles, String ref) {
        if (ref.isEmpty()) {
            return null;
        }
        if (ref.chars().allMatch(Character::isDigit) && ref.length() < 19) {
            long id = Long.parseLong(ref);
            for (Bundle b : bundles) {
                if (b.getBundleId() == id) {
                    return b;
                }
            }
            return null;
        }
        for (Bundle b : bundles) {
            if (ref.equals(b.getLocation())) {
                return b;
            }
        }
        String name = ref;
        Version version = null;
        int colon = ref.lastIndexOf(':');
        if (colon > 0) {
            try {
                version = Version.parseVersion(ref.substring(colon + 1));
                name = ref.substring(0, colon);
            } catch (IllegalArgumentException notAVersion) {
                version = null;
            }
        }
        List<Bundle> matches = new ArrayList<>();
        for (Bundle b : bundles) {
            if (name.equals(b.getSymbolicName()) && (version == null || version.equals(b.getVersion()))) {
                matches.add(b);
            }
        }
        if (matches.size() > 1) {
            StringBuilder ids = new StringBuilder();
            for (Bundle b : matches) {
                ids.append(ids.length() == 0 ? "" : ", ").append(b.getBundleId()).append(" (").append(b.getVersion()).append(')');
            }
            throw new IllegalArgumentException(ref + " names several bundles: " + ids + "; use the id or name:version");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (!(target instanceof Bundle b)) {
            return null;
        }
        String name = b.getSymbolicName() == null ? b.getLocation() : b.getSymbolicName() + " " + b.getVersion();
        return level == Converter.INSPECT ? name + " [" + b.getBundleId() + "] " + state(b.getState()) : name + " [" + b.getBundleId() + "]";
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> String.valueOf(state);
        };
    }
}
