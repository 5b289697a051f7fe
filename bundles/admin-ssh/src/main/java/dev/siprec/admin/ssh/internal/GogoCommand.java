package dev.siprec.admin.ssh.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code ssh ... '<gogo command>'} exec request: runs the command line in a fresh Gogo session
 * off the SSH I/O threads, prints the result, and exits 0 on success, 1 when the command failed,
 * 2 when no command processor is available, 3 when too many commands run at once.
 */
final class GogoCommand extends PooledCommand {
    private static final Logger LOG = LoggerFactory.getLogger(GogoCommand.class);

    private final String commandLine;
    private final Supplier<CommandProcessor> processor;

    GogoCommand(String commandLine, Supplier<CommandProcessor> processor, ExecutorService executor) {
        super(executor);
        this.commandLine = commandLine;
        this.processor = processor;
    }

    @Override
    protected void rejected() {
        finish(3, "too many admin commands running; try again\n");
    }

    @Override
    protected void run() {
        CommandProcessor cp = processor.get();
        if (cp == null) {
            finish(2, "the Gogo command processor is not available\n");
            return;
        }
        PrintStream pout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream perr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = execute(cp, commandLine, in, pout, perr);
        pout.flush();
        perr.flush();
        exit.onExit(status);
    }

    /** Runs one command line; prints its result to {@code out} and a failure to {@code err}. */
    static int execute(CommandProcessor cp, String line, InputStream in, PrintStream out, PrintStream err) {
        CommandSession session = cp.createSession(in, out, err);
        try {
            Object result = session.execute(line);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                out.print(text);
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    out.println();
                }
            }
            return 0;
        } catch (Exception e) {
            LOG.debug("admin command failed: {}", line, e);
            err.println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        } finally {
            session.close();
        }
    }

    private void finish(int status, String message) {
        try {
            err.write(message.getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (java.io.IOException ignored) {
            // client gone
        }
        exit.onExit(status);
    }
}
