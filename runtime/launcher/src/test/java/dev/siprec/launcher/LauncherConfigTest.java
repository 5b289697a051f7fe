package dev.siprec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigTest {

    @Test
    void defaultsResolveAgainstHome(@TempDir Path home) throws Exception {
        Map<String, String> p = LauncherConfig.load(home, false);
        assertEquals(home.resolve("data").toString(), p.get("siprec.data"));
        assertEquals(home.resolve("data") + "/cache", p.get("org.osgi.framework.storage"));
        assertEquals(home + "/etc", p.get("felix.fileinstall.dir"));
    }

    @Test
    void configFileOverridesAndHeadlessDisablesConsole(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/config.properties"), "siprec.data=${siprec.home}/state\nfelix.fileinstall.poll=500\n");
        Map<String, String> p = LauncherConfig.load(home, true);
        assertEquals(home + "/state", p.get("siprec.data"));
        assertEquals(home + "/state/cache", p.get("org.osgi.framework.storage"));
        assertEquals("500", p.get("felix.fileinstall.poll"));
        assertEquals("--nointeractive", p.get("gosh.args"));
    }

    @Test
    void referenceCycleIsReported() {
        assertThrows(IllegalArgumentException.class, () -> LauncherConfig.resolve(Map.of("a", "${b}", "b", "${a}")));
    }

    @Test
    void startLevels() {
        assertEquals(StartLevels.LOGGING, StartLevels.of("pax-logging-api-2.2.7.jar"));
        assertEquals(StartLevels.CONSOLE, StartLevels.of("org.apache.felix.gogo.jline-1.1.8.jar"));
        assertEquals(StartLevels.CONSOLE, StartLevels.of("jline-3.26.3.jar"));
        assertEquals(StartLevels.DEFAULT, StartLevels.of("dev.siprec.api-0.1.0-SNAPSHOT.jar"));
        assertEquals(StartLevels.OPERATIONS, StartLevels.of("dev.siprec.admin.ssh-0.1.0-SNAPSHOT.jar"));
        assertEquals(StartLevels.OPERATIONS, StartLevels.of("dev.siprec.metrics-0.1.0-SNAPSHOT.jar"));
        assertEquals(StartLevels.DEFAULT, StartLevels.of("dev.siprec.sip.transport.tls-0.1.0-SNAPSHOT.jar"));
        assertEquals(StartLevels.SESSIONS, StartLevels.of("dev.siprec.siprec-0.1.0-SNAPSHOT.jar"));
        assertEquals(StartLevels.DEFAULT, StartLevels.of("dev.siprec.sip.core-0.1.0-SNAPSHOT.jar"));
        assertTrue(StartLevels.SESSIONS > StartLevels.DEFAULT && StartLevels.SESSIONS < StartLevels.OPERATIONS,
                "sessions stop before the SIP side and the sinks, after the operations side");
    }
}
