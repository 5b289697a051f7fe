package dev.siprec.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.shell.internal.config.ConfigCommands;
import dev.siprec.sip.api.SipStack;

/**
 * {@code siprec:drain [--wait]} and {@code siprec:undrain}: takes the node out of service for
 * maintenance. While draining, new INVITEs and OPTIONS get {@code 503} with {@code Retry-After}
 * (so a SIP load balancer's probing moves traffic to other nodes) and the calls in progress go on.
 * The state is applied at once and saved as {@code draining} in {@code etc/dev.siprec.sip.cfg}, so
 * a node restarted for maintenance stays out of service until {@code undrain}.
 */
@Component(service = DrainCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=drain",
        "osgi.command.function=undrain"
})
public final class DrainCommand {
    static final String SIP_PID = "dev.siprec.sip";

    private final SipStack stack;
    private final RecordingSessions sessions;
    private final ConfigCommands config;

    @Activate
    public DrainCommand(@Reference SipStack stack, @Reference RecordingSessions sessions, @Reference ConfigCommands config) {
        this.stack = stack;
        this.sessions = sessions;
        this.config = config;
    }

    @Descriptor("Stops accepting new sessions (503 + Retry-After, OPTIONS too); calls in progress finish")
    public void drain(CommandSession session,
            @Descriptor("return only when the last active session has ended")
            @Parameter(names = {"-w", "--wait"}, presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor("with --wait: give up after this many seconds (0: no limit)")
            @Parameter(names = {"-t", "--timeout"}, absentValue = "0") long timeoutSeconds) throws IOException, InterruptedException {
        stack.setDraining(true);
        config.set(SIP_PID, List.of("draining", "true"), false);
        int active = sessions.sessions().size();
        PrintStream out = session.getConsole();
        if (!wait || active == 0) {
            out.print("draining: " + active + " active session(s)" + (active == 0 ? ", none left" : "; siprec:drain --wait waits for them") + "\n");
            return;
        }
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        int last = -1;
        while (active > 0) {
            if (active != last) {
                out.println("draining: " + active + " active session(s)");
                out.flush();
                last = active;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still " + active + " active session(s) after " + timeoutSeconds
                        + " s; the node keeps draining (siprec:calls lists them, siprec:hangup ends one)");
            }
            Thread.sleep(250);
            active = sessions.sessions().size();
        }
        out.print("drained: no active sessions\n");
    }

    @Descriptor("Accepts new sessions again")
    public void undrain(CommandSession session) throws IOException {
        stack.setDraining(false);
        config.set(SIP_PID, List.of("draining", "false"), false);
        session.getConsole().print("accepting new sessions\n");
    }
}
