package dev.siprec.sip.transport.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;

/** Address text and listener naming shared by the transports. */
public final class Addresses {
    private Addresses() {
    }

    /** @return the address in its shortest textual form: {@code 0.0.0.0}, {@code ::}, {@code ::1} (RFC 5952). */
    public static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }

    /**
     * The listener name of a factory configuration: the {@code <name>} of FileInstall's
     * {@code <factoryPid>-<name>.cfg}, else the name of a named factory configuration
     * ({@code <factoryPid>~<name>}), else the PID.
     */
    public static String listenerName(Map<String, ?> props) {
        Object file = props.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString().replace('\\', '/');
            f = f.substring(f.lastIndexOf('/') + 1);
            int dot = f.lastIndexOf('.');
            if (dot > 0) {
                f = f.substring(0, dot);
            }
            int dash = f.indexOf('-');
            if (dash >= 0 && dash < f.length() - 1) {
                return f.substring(dash + 1);
            }
        }
        Object pid = props.get("service.pid");
        if (pid != null) {
            String p = pid.toString();
            int tilde = p.indexOf('~');
            return tilde >= 0 && tilde < p.length() - 1 ? p.substring(tilde + 1) : p;
        }
        Object name = props.get("component.name");
        return name == null ? "default" : name.toString();
    }
}
