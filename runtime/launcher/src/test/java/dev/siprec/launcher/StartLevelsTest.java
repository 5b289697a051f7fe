package dev.siprec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartLevelsTest {
    @Test
    void loggingFirstThenSipThenSessionsThenOperationsThenConsole() {
        assertEquals(StartLevels.LOGGING, StartLevels.of("pax-logging-api-2.2.8.jar"));
        assertEquals(StartLevels.LOGGING, StartLevels.of("org.osgi.service.log-1.5.0.jar"));
        for (String sip : new String[] {"dev.siprec.sip.core-0.1.0.jar", "dev.siprec.sip.transport.tls-0.1.0.jar",
            "dev.siprec.sip.transport.ws-0.1.0.jar", "jetty-server-12.1.13.jar", "jetty-websocket-core-server-12.1.13.jar",
            "dev.siprec.keys-0.1.0.jar", "dev.siprec.media-0.1.0.jar", "dev.siprec.recording.wav-0.1.0.jar",
            "dev.siprec.webhook-0.1.0.jar", "dev.siprec.events-0.1.0.jar", "org.apache.felix.scr-2.2.18.jar",
            "org.apache.felix.configadmin-1.9.26.jar", "org.apache.felix.fileinstall-3.7.4.jar",
            "org.apache.felix.eventadmin-1.6.4.jar", "bcprov-jdk18on-1.84.jar"}) {
            assertEquals(StartLevels.DEFAULT, StartLevels.of(sip), sip);
        }
        assertEquals(StartLevels.SESSIONS, StartLevels.of("dev.siprec.siprec-0.1.0-SNAPSHOT.jar"));
        assertEquals(StartLevels.SESSIONS, StartLevels.of("dev.siprec.siprec.jar"));
        for (String ops : new String[] {"dev.siprec.admin.ssh-0.1.0.jar", "sshd-osgi-2.16.0.jar",
            "dev.siprec.metrics-0.1.0.jar", "dev.siprec.shell-0.1.0.jar", "dev.siprec.webconsole-0.1.0.jar",
            "org.apache.felix.gogo.runtime-1.1.6.jar", "org.apache.felix.gogo.command-1.1.2.jar",
            "org.apache.felix.metatype-1.2.4.jar", "org.apache.felix.healthcheck.core-2.2.0.jar",
            "org.apache.felix.http.jetty12-1.1.8-light.jar", "org.apache.felix.webconsole-5.0.18.jar",
            "org.apache.felix.inventory-2.0.0.jar"}) {
            assertEquals(StartLevels.OPERATIONS, StartLevels.of(ops), ops);
        }
        assertEquals(StartLevels.CONSOLE, StartLevels.of("org.apache.felix.gogo.jline-1.1.8.jar"));
        assertEquals(StartLevels.CONSOLE, StartLevels.of("jline-3.26.3.jar"));
    }
}
