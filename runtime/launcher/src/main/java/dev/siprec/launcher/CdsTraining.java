package dev.siprec.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Class data sharing (CDS) archive made by a separate, short "training" JVM instead of at the exit of
 * the server (which made a stop seconds longer the first time). {@code bin/siprec} starts a server
 * that has no archive for its JVM and jars with the classes it loads logged to a list
 * ({@code -Xlog:class+load}, system property {@value #CLASS_LIST}); once the server has started, this
 * class runs {@code bin/siprec --cds-training} in the background. That JVM
 * ({@link #main(String[])}, nice 19, {@code -XX:ArchiveClassesAtExit} into a temporary file) installs
 * and resolves the same bundles in a framework cache of its own, without starting any (no listener,
 * no configuration, no file written outside {@code data/cds}), loads the listed classes through the
 * same class loaders, and exits; the script renames the archive into place only when that JVM
 * succeeded. Later starts map it. Stopping the server kills a training still running (SIGKILL: no
 * archive is written then, the next start trains again), so a stop never waits for it.
 *
 * <p>The JVM itself checks an archive against the JVM, the class path and the bytes of each class a
 * bundle defines, and ignores what does not match; {@code bin/siprec} names the archive after the
 * JVM, {@code JAVA_OPTS} and the jars, so an upgrade trains again.
 */
final class CdsTraining {
    /** System property: the class list of this start, when it has no archive to use (set by bin/siprec). */
    static final String CLASS_LIST = "siprec.cds.classlist";

    private final Path home;
    private Process process; // guarded by this
    private boolean stopped; // guarded by this

    private CdsTraining(Path home) {
        this.home = home;
    }

    /** @return the training to run after start-up, or {@code null} when this start uses an archive (or none is wanted) */
    static CdsTraining fromSystemProperties(Path home) {
        String list = System.getProperty(CLASS_LIST);
        return list == null || list.isBlank() ? null : new CdsTraining(home);
    }

    /** Starts the training when the framework reports that it has started. */
    void attach(BundleContext context) {
        context.addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.STARTED) {
                start();
            }
        });
    }

    private synchronized void start() {
        if (stopped || process != null) {
            return;
        }
        Path script = home.resolve("bin/siprec");
        Path dir = home.resolve("data/cds");
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString(), "--cds-training");
            pb.redirectInput(Redirect.from(new java.io.File("/dev/null")));
            pb.redirectErrorStream(true);
            pb.redirectOutput(dir.resolve("training.log").toFile());
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            System.err.println("siprec: class data sharing training not started: " + e);
        }
    }

    /** Kills a training still running, without letting its JVM write the archive; no training starts afterwards. */
    synchronized void stop() {
        stopped = true;
        if (process != null && process.isAlive()) {
            // the JVM first (SIGKILL: it writes no archive), then the script, so that nothing renames a partial file
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * The training JVM: {@code CdsTraining <class list>} with {@code siprec.home} set.
     * Exits 0 when the classes were loaded (the JVM then writes the archive), 1 otherwise.
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length != 1) {
            System.err.println("usage: CdsTraining <class list>");
            System.exit(2);
        }
        Path home = Path.of(System.getProperty("siprec.home", ".")).toAbsolutePath().normalize();
        Path list = Path.of(args[0]);
        Path cache = home.resolve("data/cds/training-cache");
        Map<String, String> props = new HashMap<>(LauncherConfig.load(home, true));
        props.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        int status = 1;
        try {
            // installed and resolved, never started: no activator, component or listener runs
            List<Bundle> bundles = Main.installBundles(framework, home.resolve("bundle"), false, false);
            framework.adapt(FrameworkWiring.class).resolveBundles(null);
            Replay replay = replay(list, bundles, home.resolve("lib"));
            out.println("siprec: class data sharing training: " + replay.loaded + " classes loaded, "
                    + replay.skipped + " skipped, " + replay.failed + " failed");
            status = replay.loaded > 0 ? 0 : 1;
        } finally {
            framework.stop();
            framework.waitForStop(Main.STOP_TIMEOUT_MILLIS);
            deleteTree(cache);
        }
        System.exit(status);
    }

    /** Counts of {@link #replay}. */
    record Replay(int loaded, int skipped, int failed) {
    }

    /**
     * Loads and links, without initialising them, the classes of a {@code -Xlog:class+load} list (no decorations:
     * {@code <name> source: <where>}): JDK classes and those of {@code lib/} through the system class
     * loader, the others through the bundle whose jar holds them. Classes already in the JDK's base
     * archive, and generated ones (lambdas, proxies, reflection accessors), are skipped.
     */
    static Replay replay(Path list, List<Bundle> bundles, Path lib) throws IOException {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        String libUri = lib.toUri().toString();
        Map<String, Bundle> byPackage = new HashMap<>();
        int loaded = 0;
        int skipped = 0;
        int failed = 0;
        try (BufferedReader r = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int at = line.indexOf(" source: ");
                if (at <= 0) {
                    continue;
                }
                String name = line.substring(0, at).trim();
                String source = line.substring(at + " source: ".length()).trim();
                if (generated(name) || source.equals("shared objects file")) {
                    skipped++;
                    continue;
                }
                try {
                    if (source.startsWith("jrt:/") || source.startsWith(libUri) || source.startsWith("file:" + lib)) {
                        Class.forName(name, false, system);
                    } else {
                        Bundle b = bundleOf(name, bundles, byPackage);
                        if (b == null) {
                            Class.forName(name, false, system);
                        } else {
                            // the JVM archives a class of a bundle's loader only when it is linked
                            // (verified); asking for its constructors links it without initialising it
                            b.loadClass(name).getDeclaredConstructors();
                        }
                    }
                    loaded++;
                } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                    failed++;
                }
            }
        }
        return new Replay(loaded, skipped, failed);
    }

    static boolean generated(String name) {
        return name.isEmpty() || name.indexOf('/') >= 0 || name.contains("$$Lambda") || name.contains("$Proxy")
                || name.startsWith("jdk.internal.reflect.Generated") || name.contains("LambdaForm$")
                || name.startsWith("[");
    }

    private static Bundle bundleOf(String className, List<Bundle> bundles, Map<String, Bundle> byPackage) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        String entry = className.replace('.', '/') + ".class";
        Bundle known = byPackage.get(pkg);
        if (known != null && known.getEntry(entry) != null) {
            return known;
        }
        for (Bundle b : bundles) {
            if (b.getEntry(entry) != null) {
                byPackage.put(pkg, b);
                return b;
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("siprec: cannot delete " + dir + ": " + e);
        }
    }
}
