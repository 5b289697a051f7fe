package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;

class InstallCommandTest {
    private final List<String> started = new ArrayList<>();

    private Bundle bundle(long id, String name) {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, a) -> switch (m.getName()) {
            case "getBundleId" -> id;
            case "getSymbolicName" -> name;
            case "getVersion" -> Version.parseVersion("1.0.0");
            case "start" -> {
                started.add(name);
                yield null;
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /** Installs file:/ok*.jar, refuses everything else as Felix does for a missing file. */
    private InstallCommand command() {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> {
                    if (!m.getName().equals("installBundle")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    String url = (String) a[0];
                    if (url.startsWith("file:/ok")) {
                        return bundle(40 + url.length(), "dev.example." + url.substring(8, url.length() - 4));
                    }
                    throw new BundleException("Unable to cache bundle: " + url, new FileNotFoundException(url.substring(5)));
                });
        return new InstallCommand(context);
    }

    @Test
    void installsAndOptionallyStarts() {
        assertEquals("Bundle ID: 57\n", command().install(false, "file:/oksuite.jar"));
        assertTrue(started.isEmpty());
        assertEquals("Bundle ID: 57\nStarted 57 dev.example.suite 1.0.0\n", command().install(true, "file:/oksuite.jar"));
        assertEquals("Bundle IDs: 57, 58\n", command().install(false, "file:/oksuite.jar", "file:/okother1.jar"));
        assertEquals(List.of("dev.example.suite"), started);
    }

    @Test
    void aMissingJarFailsTheCommandAfterInstallingTheOthers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> command().install(false, "file:/no/such.jar", "file:/oksuite.jar"));
        assertTrue(e.getMessage().startsWith("Bundle ID: 57\n"), e.getMessage());
        assertTrue(e.getMessage().contains("file:/no/such.jar: Unable to cache bundle"), e.getMessage());
        assertTrue(e.getMessage().contains("FileNotFoundException"), e.getMessage());
    }

    @Test
    void nothingToInstallIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> command().install(false));
    }
}
