package dev.siprec.admin.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An interactive line-mode shell for {@code ssh -p 8101 admin@127.0.0.1}: echoes input, handles
 * backspace, Ctrl-C (discard line) and Ctrl-D (leave), runs each line as a Gogo command.
 */
final class LineShell implements Command {
    private static final int MAX_LINE = 8192;

    private final Supplier<CommandProcessor> processor;
    private final ExecutorService executor;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Future<?> running;

    LineShell(Supplier<CommandProcessor> processor, ExecutorService executor) {
        this.processor = processor;
        this.executor = executor;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = new CrLf(out);
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = new CrLf(err);
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        try {
            running = executor.submit(this::loop);
        } catch (RejectedExecutionException e) {
            exit.onExit(3, "too many admin sessions");
        }
    }

    private void loop() {
        PrintStream pout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream perr = new PrintStream(err, true, StandardCharsets.UTF_8);
        pout.print("SIPREC recording server admin shell. Type 'help' for commands, Ctrl-D to leave.\n");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            prompt(pout);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\r' || c == '\n') {
                    pout.print("\n");
                    String cmd = line.toString(StandardCharsets.UTF_8).trim();
                    line.reset();
                    if (cmd.equals("exit") || cmd.equals("logout")) {
                        break;
                    }
                    if (!cmd.isEmpty()) {
                        CommandProcessor cp = processor.get();
                        if (cp == null) {
                            perr.print("the Gogo command processor is not available\n");
                        } else {
                            GogoCommand.execute(cp, cmd, InputStream.nullInputStream(), pout, perr);
                        }
                    }
                    prompt(pout);
                } else if (c == 0x7f || c == 0x08) {
                    if (line.size() > 0) {
                        byte[] b = line.toByteArray();
                        line.reset();
                        line.write(b, 0, b.length - 1);
                        pout.print("\b \b");
                    }
                } else if (c == 0x03) {
                    line.reset();
                    pout.print("^C\n");
                    prompt(pout);
                } else if (c == 0x04) {
                    if (line.size() == 0) {
                        break;
                    }
                } else if (c >= 0x20 && line.size() < MAX_LINE) {
                    line.write(c);
                    pout.write(c);
                    pout.flush();
                }
            }
        } catch (IOException e) {
            // client went away
        }
        pout.flush();
        exit.onExit(0);
    }

    private static void prompt(PrintStream out) {
        out.print("siprec> ");
        out.flush();
    }

    @Override
    public void destroy(ChannelSession channel) {
        Future<?> f = running;
        if (f != null) {
            f.cancel(true);
        }
    }

    /** Terminal output: LF becomes CR LF. */
    private static final class CrLf extends FilterOutputStream {
        CrLf(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
