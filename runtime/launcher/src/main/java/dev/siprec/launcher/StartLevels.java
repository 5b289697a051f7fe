package dev.siprec.launcher;

/**
 * Start level of a bundle in {@code bundle/}, by file name: logging first so every bundle logs
 * through it, the interactive console last so its commands are there when the prompt shows.
 */
final class StartLevels {
    static final int LOGGING = 1;
    static final int DEFAULT = 2;
    static final int CONSOLE = 3;
    static final int BEGINNING = CONSOLE;

    private StartLevels() {
    }

    static int of(String fileName) {
        if (fileName.startsWith("pax-logging") || fileName.startsWith("org.osgi.service.log")) {
            return LOGGING;
        }
        if (fileName.startsWith("org.apache.felix.gogo.jline") || fileName.startsWith("jline")) {
            return CONSOLE;
        }
        return DEFAULT;
    }
}
