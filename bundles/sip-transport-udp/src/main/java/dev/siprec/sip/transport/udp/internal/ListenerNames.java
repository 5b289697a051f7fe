package dev.siprec.sip.transport.udp.internal;

import java.util.Map;

/**
 * Derives a listener's name from its factory configuration: FileInstall's
 * {@code felix.fileinstall.filename} ({@code .../dev.siprec.transport.udp-default.cfg} gives
 * {@code default}), else the name part of a Config Admin 1.6 named configuration
 * ({@code dev.siprec.transport.udp~internal}), else the PID.
 */
final class ListenerNames {

    private ListenerNames() {
    }

    static String of(Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
            f = f.substring(slash + 1);
            if (f.endsWith(".cfg") || f.endsWith(".config")) {
                f = f.substring(0, f.lastIndexOf('.'));
            }
            int dash = f.indexOf('-');
            if (dash >= 0 && dash < f.length() - 1) {
                return f.substring(dash + 1);
            }
        }
        Object pid = properties.get("service.pid");
        if (pid != null) {
            String p = pid.toString();
            int tilde = p.indexOf('~');
            return tilde >= 0 && tilde < p.length() - 1 ? p.substring(tilde + 1) : p;
        }
        return "unnamed";
    }
}
