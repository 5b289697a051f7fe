package dev.siprec.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Starts the OSGi framework with the bundles in {@code <home>/bundle}, in start levels (logging
 * first, the console last), and stops it gracefully on SIGTERM or SIGINT, exiting 0.
 *
 * <p>{@code --headless} (implied when standard input is not a terminal) leaves the console out.
 */
public final class Main {
    static final int STOP_TIMEOUT_MILLIS = 10_000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        StartupTimeline timeline = new StartupTimeline();
        timeline.mark("launcher entered");
        Path home = Path.of(System.getProperty("siprec.home", ".")).toAbsolutePath().normalize();
        boolean headless = List.of(args).contains("--headless") || System.console() == null;
        PrintStream out = System.out;

        Map<String, String> props = LauncherConfig.load(home, headless);
        props.forEach((k, v) -> {
            if (k.startsWith("siprec.")) {
                System.setProperty(k, v);
            }
        });
        Files.createDirectories(Path.of(props.get("siprec.data")));
        Files.createDirectories(home.resolve("log"));

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        timeline.mark("framework initialised");
        timeline.attach(framework.getBundleContext());
        installBundles(framework, home.resolve("bundle"), headless, true);
        timeline.mark("bundles installed");
        CdsTraining training = CdsTraining.fromSystemProperties(home);
        if (training != null) {
            training.attach(framework.getBundleContext());
        }

        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                if (training != null) {
                    training.stop();
                }
                try {
                    framework.stop();
                } catch (BundleException e) {
                    e.printStackTrace();
                }
            }
        };
        Signals.onTermination(stop);

        framework.start();
        if (headless) {
            out.println("SIPREC recording server started (headless); home " + home + ", log " + home.resolve("log/siprec.log"));
        }
        FrameworkEvent event;
        do {
            event = framework.waitForStop(0);
        } while (event.getType() == FrameworkEvent.STOPPED_UPDATE);
        if (stopping.get()) {
            // The framework stops within the timeout unless a component hangs; then leave anyway.
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        }
        if (training != null) {
            training.stop(); // also when the framework was stopped from inside (shell, console)
        }
        System.exit(event.getType() == FrameworkEvent.ERROR ? 1 : 0);
    }

    /**
     * Installs the jars of {@code dir} with their start levels (the console's left out when headless)
     * and, with {@code start}, marks each bundle but fragments to start at its level.
     *
     * @return the installed bundles
     */
    static List<Bundle> installBundles(Framework framework, Path dir, boolean headless, boolean start)
            throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> s = Files.list(dir)) {
            jars = new ArrayList<>(s.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
        }
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            int level = StartLevels.of(name);
            if (headless && level == StartLevels.CONSOLE) {
                continue;
            }
            Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
            b.adapt(BundleStartLevel.class).setStartLevel(level);
            installed.add(b);
        }
        for (Bundle b : installed) {
            if (start && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return installed;
    }
}
