package dev.siprec.itests;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/** Look-ups the in-framework tests share: an installed bundle by name, a service registered with a property. */
final class Bundles {
    private Bundles() {
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " not installed");
    }

    /** Whether a {@code type} service with {@code property=value} is registered now. */
    static boolean registered(BundleContext context, Class<?> type, String property, String value) {
        try {
            return context.getServiceReferences(type.getName(), "(" + property + "=" + value + ")") != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
