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
 * {@code install}: installs bundles from URLs (and starts them with {@code -s}). Felix's own
 * {@code install} returns its failures as text, so a script calling {@code bin/siprec-admin} saw
 * exit status 0 when a jar could not be read; this one fails the command (exit 1) naming every URL
 * that did not install, after installing the others. {@link SiprecScopeFirst} makes the unscoped
 * {@code install} this one, as for {@code start}.
 */
@Component(service = InstallCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=install",
        "service.ranking:Integer=1"
})
public final class InstallCommand {
    private final BundleContext context;

    @Activate
    public InstallCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("Installs bundles from URLs (file:, http:, mvn: when a handler is installed); fails if any did not install")
    public void install(CommandSession session,
            @Descriptor("start the bundles once installed")
            @Parameter(names = {"-s", "--start"}, presentValue = "true", absentValue = "false") boolean start,
            @Descriptor("bundle URLs") String... urls) {
        session.getConsole().print(install(start, urls));
    }

    String install(boolean start, String... urls) {
        if (urls == null || urls.length == 0) {
            throw new IllegalArgumentException("install what? give bundle URLs, e.g. file:/opt/siprec/optional/x.jar");
        }
        List<String> ids = new ArrayList<>();
        StringBuilder started = new StringBuilder();
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            try {
                Bundle b = context.installBundle(url.trim());
                ids.add(Long.toString(b.getBundleId()));
                if (start) {
                    b.start();
                    started.append("Started ").append(StartCommand.describe(b)).append('\n');
                }
            } catch (BundleException | IllegalStateException | SecurityException e) {
                Throwable cause = e.getCause();
                failures.add(url + ": " + e.getMessage() + (cause != null && cause != e ? " (" + cause + ")" : ""));
            }
        }
        // the first line as Felix's install prints it, which scripts already parse
        String out = (ids.isEmpty() ? "" : (ids.size() == 1 ? "Bundle ID: " : "Bundle IDs: ") + String.join(", ", ids) + "\n") + started;
        if (!failures.isEmpty()) {
            throw new IllegalArgumentException(out + String.join("\n", failures));
        }
        return out;
    }
}
