package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

class BundleConverterTest {
    private final Bundle framework = bundle(0, "org.apache.felix.framework", "7.0.5", "System Bundle");
    private final Bundle nullSuite = bundle(18, "dev.siprec.srtp.suite.null", "0.1.0", "file:/srv/deploy/null.jar");
    private final Bundle old = bundle(21, "dev.example.suite", "1.0.0", "file:/a.jar");
    private final Bundle newer = bundle(22, "dev.example.suite", "2.0.0", "file:/b.jar");
    private final Bundle[] all = {framework, nullSuite, old, newer};

    @Test
    void findsById() {
        assertSame(nullSuite, BundleConverter.find(all, "18"));
        assertSame(framework, BundleConverter.find(all, "0"));
        assertNull(BundleConverter.find(all, "99"));
    }

    @Test
    void findsBySymbolicNameAndLocation() {
        assertSame(nullSuite, BundleConverter.find(all, "dev.siprec.srtp.suite.null"));
        assertSame(nullSuite, BundleConverter.find(all, "file:/srv/deploy/null.jar"));
        assertNull(BundleConverter.find(all, "dev.siprec.nothing"));
        assertNull(BundleConverter.find(all, ""));
    }

    @Test
    void severalVersionsNeedTheVersion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundleConverter.find(all, "dev.example.suite"));
        assertTrue(e.getMessage().contains("21 (1.0.0)") && e.getMessage().contains("22 (2.0.0)"), e.getMessage());
        assertSame(newer, BundleConverter.find(all, "dev.example.suite:2.0.0"));
        assertSame(old, BundleConverter.find(all, "dev.example.suite:1.0.0"));
        assertNull(BundleConverter.find(all, "dev.example.suite:3.0.0"));
    }

    @Test
    void convertsOnlyToBundle() {
        BundleConverter c = new BundleConverter(null);
        assertNull(c.convert(String.class, "18"));
        assertNull(c.convert(Bundle.class, null));
    }

    @Test
    void formatsBundles() throws Exception {
        BundleConverter c = new BundleConverter(null);
        assertEquals("dev.siprec.srtp.suite.null 0.1.0 [18]", c.format(nullSuite, 2, null).toString());
        assertNull(c.format("text", 0, null));
    }

    @Test
    void urlsAreToldFromNames() {
        assertTrue(StartCommand.looksLikeUrl("file:/srv/deploy/x.jar"));
        assertTrue(StartCommand.looksLikeUrl("mvn:dev.siprec/x/1.0"));
        assertFalse(StartCommand.looksLikeUrl("dev.example.suite:2.0.0"));
        assertFalse(StartCommand.looksLikeUrl("dev.example.suite"));
    }

    private static Bundle bundle(long id, String name, String version, String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, args) -> switch (m.getName()) {
            case "getBundleId" -> id;
            case "getSymbolicName" -> name;
            case "getVersion" -> Version.parseVersion(version);
            case "getLocation" -> location;
            case "getState" -> Bundle.ACTIVE;
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            case "toString" -> name;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }
}
