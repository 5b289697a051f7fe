package dev.siprec.launcher;

/**
 * Start level of a bundle in {@code bundle/}, by file name: logging first so every bundle logs
 * through it; then everything that answers SIP and records; then the operations side (SSH admin
 * channel, metrics and health HTTP endpoint), whose key generation and Jetty start would otherwise
 * delay the SIP listeners; the interactive console last so its commands are there when the prompt
 * shows. Every reference from the SIP side to an operations service is optional and dynamic, so the
 * later start changes nothing but the order.
 */
final class StartLevels {
    static final int LOGGING = 1;
    static final int DEFAULT = 2;
    static final int OPERATIONS = 3;
    static final int CONSOLE = 4;
    static final int BEGINNING = CONSOLE;

    private StartLevels() {
    }

    static int of(String fileName) {
        if (fileName.startsWith("pax-logging") || fileName.startsWith("org.osgi.service.log")) {
            return LOGGING;
        }
        if (fileName.startsWith("dev.siprec.admin.ssh") || fileName.startsWith("sshd-osgi")
                || fileName.startsWith("dev.siprec.metrics")) {
            return OPERATIONS;
        }
        if (fileName.startsWith("org.apache.felix.gogo.jline") || fileName.startsWith("jline")) {
            return CONSOLE;
        }
        return DEFAULT;
    }
}
