package dev.siprec.sip.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses; may block. The system resolver by default, replaceable in tests. */
@FunctionalInterface
interface HostResolver {

    /** The JDK's resolver (system configuration, {@code /etc/hosts}, DNS). */
    HostResolver SYSTEM = host -> InetAddress.getAllByName(host)[0];

    /**
     * @return the first address of {@code host}
     * @throws UnknownHostException when the name has no address
     */
    InetAddress resolve(String host) throws UnknownHostException;
}
