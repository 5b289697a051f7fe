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
 *
 * <p>A command "failed" when it threw, or when it wrote to its error stream: Felix's own commands
 * (e.g. {@code start} on a bad location) catch their exception, print it to {@code System.err} (which
 * Gogo redirects to the session's error stream) and return normally, and a script calling
 * {@code bin/siprec-admin} must still see the failure in the exit status.
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
        ErrorWatch watched = new ErrorWatch(err);
        PrintStream sessionErr = new PrintStream(watched, true, StandardCharsets.UTF_8);
        CommandSession session = cp.createSession(in, out, sessionErr);
        try {
            Object result = session.execute(line);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                out.print(text);
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    out.println();
                }
            }
            sessionErr.flush();
            return watched.written() ? 1 : 0;
        } catch (Exception e) {
            LOG.debug("admin command failed: {}", line, e);
            err.println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        } finally {
            session.close();
        }
    }

    /** Passes everything through to the error stream and remembers whether anything was written. */
    private static final class ErrorWatch extends java.io.FilterOutputStream {
        private volatile boolean written;

        ErrorWatch(java.io.OutputStream target) {
            super(target);
        }

        @Override
        public void write(int b) throws java.io.IOException {
            written = true;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            if (len > 0) {
                written = true;
            }
            out.write(b, off, len);
        }

        boolean written() {
            return written;
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
