package dev.siprec.admin.ssh.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH channel command that runs on the admin pool, off the SSH I/O threads: keeps the channel's
 * streams and exit callback, submits {@link #run()} on start, cancels it when the channel goes.
 */
abstract class PooledCommand implements Command {
    private final ExecutorService executor;
    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    protected ExitCallback exit;
    private volatile Future<?> running;

    PooledCommand(ExecutorService executor) {
        this.executor = executor;
    }

    /** The work of the command; ends by calling {@link #exit}. */
    protected abstract void run();

    /** The pool is full: tell the client and exit. */
    protected abstract void rejected();

    /** Wraps the channel's output streams, e.g. for terminal line ends; identity by default. */
    protected OutputStream wrap(OutputStream stream) {
        return stream;
    }

    @Override
    public final void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public final void setOutputStream(OutputStream out) {
        this.out = wrap(out);
    }

    @Override
    public final void setErrorStream(OutputStream err) {
        this.err = wrap(err);
    }

    @Override
    public final void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public final void start(ChannelSession channel, Environment env) {
        try {
            running = executor.submit(this::run);
        } catch (RejectedExecutionException e) {
            rejected();
        }
    }

    @Override
    public final void destroy(ChannelSession channel) {
        Future<?> f = running;
        if (f != null) {
            f.cancel(true);
        }
    }
}
