package dev.siprec.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The assembled distribution ({@code runtime/target/siprec}) as the tests see it: its {@code bundle/}
 * folder is exactly what Pax Exam boots, so a bundle that would not resolve in the product fails here
 * ({@code pax.exam.osgi.unresolved.fail=true}).
 */
public final class Distribution {
    /** Console bundles need a terminal; the admin channel binds a fixed port: both are tested end to end instead. */
    private static final Set<String> NOT_IN_FRAMEWORK_TESTS = Set.of("org.apache.felix.gogo.jline", "jline-", "dev.siprec.admin.ssh");

    private Distribution() {
    }

    public static Path home() {
        String dir = System.getProperty("siprec.distribution");
        if (dir == null) {
            throw new IllegalStateException("system property siprec.distribution is not set (run through Maven failsafe)");
        }
        Path home = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("bundle"))) {
            throw new IllegalStateException("no assembled distribution at " + home + ": build the runtime module first");
        }
        return home;
    }

    /** @return the jars of {@code dir} (under the distribution) in name order. */
    public static List<Path> jars(String dir) {
        try (Stream<Path> s = Files.list(home().resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the one jar in {@code dir} whose name starts with {@code prefix}. */
    public static Path jar(String dir, String prefix) {
        return jars(dir).stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + dir));
    }

    /** Pax Exam options booting the distribution's bundles with a private data folder. */
    public static Option[] frameworkOptions(String testName) {
        Path data = Path.of("target", "itest-data", testName).toAbsolutePath();
        List<Option> options = new ArrayList<>();
        options.add(systemProperty("pax.exam.osgi.unresolved.fail").value("true"));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(frameworkProperty("siprec.data").value(data.toString()));
        options.add(frameworkProperty("felix.fileinstall.dir").value(data.resolve("etc").toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        for (Path jar : jars("bundle")) {
            String name = jar.getFileName().toString();
            if (NOT_IN_FRAMEWORK_TESTS.stream().noneMatch(name::startsWith)) {
                options.add(bundle(jar.toUri().toString()));
            }
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        return options.toArray(Option[]::new);
    }
}
