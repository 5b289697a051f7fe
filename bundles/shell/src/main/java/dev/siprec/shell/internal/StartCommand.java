package dev.siprec.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code start}: starts bundles named by id, symbolic name ({@code name:version} when several
 * versions are installed) or location, and installs then starts a URL that names no installed
 * bundle. Felix's own {@code start} knows ids and URLs only; {@link SiprecScopeFirst} puts the
 * {@code siprec} scope first in every session so that the unscoped {@code start} an operator types
 * on the console or through {@code bin/siprec-admin} is this one and accepts every form
 * {@code stop}, {@code update} and {@code uninstall} accept (a service ranking does not decide
 * between two scopes).
 */
@Component(service = StartCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=start",
        "service.ranking:Integer=1"
})
public final class StartCommand {
    private final BundleContext context;

    @Activate
    public StartCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("Starts bundles by id, symbolic name or location; installs and starts a URL that names no bundle")
    public void start(CommandSession session,
            @Descriptor("start transiently (not persisted)")
            @Parameter(names = {"-t", "--transient"}, presentValue = "true", absentValue = "false") boolean transientStart,
            @Descriptor("use the bundle's declared activation policy")
            @Parameter(names = {"-p", "--policy"}, presentValue = "true", absentValue = "false") boolean policy,
            @Descriptor("bundle ids, symbolic names, locations or URLs") String... refs) throws BundleException {
        session.getConsole().print(start(transientStart, policy, refs));
    }

    String start(boolean transientStart, boolean policy, String... refs) throws BundleException {
        if (refs == null || refs.length == 0) {
            throw new IllegalArgumentException("start what? give bundle ids, symbolic names or URLs (see lb)");
        }
        int options = (transientStart ? Bundle.START_TRANSIENT : 0) | (policy ? Bundle.START_ACTIVATION_POLICY : 0);
        StringBuilder out = new StringBuilder();
        List<String> failures = new ArrayList<>();
        for (String ref : refs) {
            Bundle b = BundleConverter.find(context.getBundles(), ref);
            try {
                if (b == null) {
                    if (!looksLikeUrl(ref)) {
                        failures.add(ref + ": no installed bundle has this id, symbolic name or location");
                        continue;
                    }
                    b = context.installBundle(ref);
                    out.append("Installed ").append(describe(b)).append('\n');
                }
                b.start(options);
                out.append("Started ").append(describe(b)).append('\n');
            } catch (BundleException | IllegalStateException | SecurityException e) {
                failures.add(ref + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalArgumentException(out + String.join("\n", failures));
        }
        return out.toString();
    }

    static boolean looksLikeUrl(String ref) {
        int colon = ref.indexOf(':');
        return colon > 1 && ref.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-')
                && !Character.isDigit(ref.charAt(colon + 1 < ref.length() ? colon + 1 : colon));
    }

    /** {@code id symbolic-name version}, as the lifecycle commands print a bundle. */
    static String describe(Bundle b) {
        return b.getBundleId() + " " + b.getSymbolicName() + " " + b.getVersion();
    }
}
