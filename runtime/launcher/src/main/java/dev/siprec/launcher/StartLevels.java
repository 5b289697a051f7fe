package dev.siprec.launcher;

/**
 * Start level of a bundle in {@code bundle/}, by file name: logging first so every bundle logs
 * through it; then everything that answers SIP and records (SIP core, transports, media, key
 * exchanges, sinks); then the recording sessions; then the operations side (SSH admin channel,
 * metrics and health HTTP endpoint), whose key generation and Jetty start would otherwise delay the
 * SIP listeners; the interactive console last so its commands are there when the prompt shows.
 * Every reference from the SIP side to an operations service is optional and dynamic, so the later
 * start changes nothing but the order.
 * <p>
 * Levels are left in reverse order when the framework stops. The sessions have a level of their own
 * so that they end (a BYE to every client, each recording finalized {@code complete}) while the SIP
 * core, its transports, media and the sinks are all still there: inside one level the order in which
 * Declarative Services disposes components is not defined.
 */
final class StartLevels {
    static final int LOGGING = 1;
    static final int DEFAULT = 2;
    static final int SESSIONS = 3;
    static final int OPERATIONS = 4;
    static final int CONSOLE = 5;
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
        if (fileName.startsWith("dev.siprec.siprec-") || fileName.equals("dev.siprec.siprec.jar")) {
            return SESSIONS;
        }
        if (fileName.startsWith("org.apache.felix.gogo.jline") || fileName.startsWith("jline")) {
            return CONSOLE;
        }
        return DEFAULT;
    }
}
