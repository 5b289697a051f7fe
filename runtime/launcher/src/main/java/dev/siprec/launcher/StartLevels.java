package dev.siprec.launcher;

/**
 * Start level of a bundle in {@code bundle/}, by file name: logging first so every bundle logs
 * through it; then everything that answers SIP and records (SIP core, transports, media, key
 * exchanges, sinks); then the recording sessions; then the operations side (SSH admin channel and
 * shell, metrics and health HTTP endpoint, web console and its HTTP service), whose key generation
 * and Jetty starts would otherwise delay the SIP listeners and the request handler (OPTIONS answers
 * 503 until the sessions' handler is bound); the interactive console last so its commands are
 * there when the prompt shows.
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

    /**
     * The operations side, by file name: the SSH admin channel and the shell commands it runs
     * (Gogo, the SIPREC commands, the metatype the configuration commands check against), the
     * metrics and health endpoint, the health checks, and the web console with the HTTP service
     * (Jetty) that serves it. Nothing on the SIP and recording side refers to them (the WebSocket
     * transport runs its own Jetty from the plain jetty-* library bundles, which stay at DEFAULT).
     */
    private static final String[] OPERATIONS_PREFIXES = {
        "dev.siprec.admin.ssh", "sshd-osgi", "dev.siprec.metrics", "dev.siprec.shell", "dev.siprec.webconsole",
        "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command", "org.apache.felix.metatype",
        "org.apache.felix.healthcheck", "org.apache.felix.http", "org.apache.felix.webconsole",
        "org.apache.felix.inventory", "commons-fileupload", "commons-io",
    };

    private StartLevels() {
    }

    static int of(String fileName) {
        if (fileName.startsWith("pax-logging") || fileName.startsWith("org.osgi.service.log")) {
            return LOGGING;
        }
        for (String prefix : OPERATIONS_PREFIXES) {
            if (fileName.startsWith(prefix)) {
                return OPERATIONS;
            }
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
