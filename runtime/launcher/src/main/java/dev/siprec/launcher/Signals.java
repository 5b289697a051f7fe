package dev.siprec.launcher;

import sun.misc.Signal;

/** SIGTERM and SIGINT run a graceful stop instead of the JVM's default exit with status 143/130. */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> new Thread(action, "siprec-stop").start());
            } catch (IllegalArgumentException e) {
                // signal not available on this platform: the shutdown hook of the framework still applies
            }
        }
    }
}
