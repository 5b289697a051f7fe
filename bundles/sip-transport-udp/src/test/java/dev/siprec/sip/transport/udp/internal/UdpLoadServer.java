package dev.siprec.sip.transport.udp.internal;

import java.time.Clock;
import java.util.Map;

import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.core.internal.SipCore;
import dev.siprec.sip.core.internal.SipCoreConfig;

/**
 * Not a test: the core and a UDP listener with the test UAS, for load runs with SIPp.
 *
 * <pre>
 * cd bundles/sip-transport-udp
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.siprec.sip.transport.udp.internal.UdpLoadServer 15060 30
 * sipp -sf src/test/resources/sipp/invite-bye.xml -t u1 -i 127.0.0.1 -p 16060 -r 500 -m 5000 -l 2000 \
 *     -nostdin -timeout 60s 127.0.0.1:15060
 * </pre>
 */
public final class UdpLoadServer {

    private UdpLoadServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 15060;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 30;
        SipCore core = new SipCore(Converters.standardConverter().convert(Map.of()).to(SipCoreConfig.class));
        UdpListener udp = new UdpListener(UdpSettings.of("load", "127.0.0.1", port, UdpSettings.MAX_DATAGRAM, 4 << 20), Clock.systemUTC());
        if (!udp.open()) {
            throw new IllegalStateException(udp.status().reason());
        }
        core.addTransport(udp);
        SippUdpEndToEndTest.Uas uas = new SippUdpEndToEndTest.Uas();
        core.addHandler(uas, Map.of(SipRequestHandler.METHODS, new String[] {"INVITE", "BYE"},
                SipRequestHandler.OPTION_TAGS, new String[] {"timer"}));
        Thread.sleep(seconds * 1000);
        System.out.println("invites=" + uas.invites.get() + " byes=" + uas.byes.get() + " dialogs=" + core.dialogs().size()
                + " received=" + udp.status().received() + " errors=" + udp.status().errors());
        core.deactivate();
        udp.close();
    }
}
