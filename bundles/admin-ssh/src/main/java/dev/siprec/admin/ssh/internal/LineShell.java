package dev.siprec.admin.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;

/**
 * An interactive line-mode shell for {@code ssh -p 8101 admin@127.0.0.1}: echoes input, handles
 * backspace, Ctrl-C (discard line) and Ctrl-D (leave), runs each line as a Gogo command.
 */
final class LineShell extends PooledCommand {
    private static final int MAX_LINE = 8192;

    private final Supplier<CommandProcessor> processor;

    LineShell(Supplier<CommandProcessor> processor, ExecutorService executor) {
        super(executor);
        this.processor = processor;
    }

    @Override
    protected OutputStream wrap(OutputStream stream) {
        return new CrLf(stream);
    }

    @Override
    protected void rejected() {
        exit.onExit(3, "too many admin sessions");
    }

    @Override
    protected void run() {
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
