package dev.siprec.sip.transport.tls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import dev.siprec.sip.api.TlsDetails;
import dev.siprec.sip.transport.stream.StreamLayer;

/**
 * TLS on a non-blocking stream (RFC 5246 / RFC 8446 records through {@link SSLEngine}). The delegated
 * tasks of the initial handshake (key exchange, signatures: the expensive part) run on the listener's
 * bounded handshake pool ({@code handshake.threads}), never on the I/O threads; records that arrive
 * meanwhile are kept (bounded) and decoded afterwards. A TLS 1.2 renegotiation, which only a client
 * can start here, is refused and the connection closed (the server never renegotiates). Keeps at most
 * one partial record between reads; encode and decode buffers belong to the I/O thread.
 */
final class TlsLayer implements StreamLayer {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private ByteBuffer partial;
    private boolean established;
    /** Delegated tasks are running on the handshake pool: the engine is not touched until they end. */
    private boolean tasksPending;
    private volatile TlsDetails details;

    TlsLayer(SSLEngine engine) {
        this.engine = engine;
    }

    @Override
    public void open(Io io) throws IOException {
        engine.beginHandshake();
        progress(io);
    }

    @Override
    public void inbound(ByteBuffer net, Io io) throws IOException {
        if (tasksPending) {
            stash(net);
            return;
        }
        ByteBuffer src = net;
        if (partial != null) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + net.remaining());
            joined.put(partial).put(net).flip();
            partial = null;
            src = joined;
        }
        try {
            unwrapAll(src, io);
        } catch (SSLException e) {
            sendAlert(io);
            throw e;
        }
    }

    /** Keeps bytes that arrive while handshake tasks run; a peer that floods meanwhile is cut off. */
    private void stash(ByteBuffer net) throws SSLException {
        int have = partial == null ? 0 : partial.remaining();
        if (have + net.remaining() > 4 * engine.getSession().getPacketBufferSize()) {
            throw new SSLException("too much data while the TLS handshake is computed");
        }
        ByteBuffer joined = ByteBuffer.allocate(have + net.remaining());
        if (partial != null) {
            joined.put(partial);
        }
        joined.put(net).flip();
        partial = joined;
    }

    /** Back on the I/O thread after the handshake tasks: go on with what arrived meanwhile. */
    private void resume(Io io) throws IOException {
        tasksPending = false;
        ByteBuffer pending = partial;
        partial = null;
        try {
            if (pending != null) {
                unwrapAll(pending, io);
            } else {
                progress(io);
            }
        } catch (SSLException e) {
            sendAlert(io);
            throw e;
        }
    }

    private void unwrapAll(ByteBuffer src, Io io) throws IOException {
        SSLSession session = engine.getSession();
        ByteBuffer app = io.scratchApp(session.getApplicationBufferSize());
        int overflows = 0;
        while (true) {
            progress(io);
            if (tasksPending) {
                if (src.hasRemaining()) {
                    stash(src);
                }
                return;
            }
            if (!src.hasRemaining()) {
                return;
            }
            boolean wasEstablished = established;
            SSLEngineResult r = engine.unwrap(src, app);
            if (app.position() > 0) {
                app.flip();
                io.deliver(app);
                app = io.scratchApp(session.getApplicationBufferSize());
            }
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                finished(io);
            }
            if (wasEstablished && renegotiating(r.getHandshakeStatus())) {
                throw new SSLException("client-initiated TLS renegotiation refused");
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (src.remaining() > engine.getSession().getPacketBufferSize() + 1024) {
                        throw new SSLException("TLS record larger than the negotiated maximum");
                    }
                    partial = ByteBuffer.allocate(src.remaining()).put(src).flip();
                    return;
                }
                case BUFFER_OVERFLOW -> {
                    if (++overflows > 2) {
                        throw new SSLException("TLS record does not fit the application buffer");
                    }
                    app = io.scratchApp(engine.getSession().getApplicationBufferSize() * 2);
                }
                case CLOSED -> {
                    io.closedByPeer();
                    return;
                }
                default -> {
                    HandshakeStatus hs = engine.getHandshakeStatus();
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && hs != HandshakeStatus.NEED_TASK && hs != HandshakeStatus.NEED_WRAP) {
                        partial = ByteBuffer.allocate(src.remaining()).put(src).flip();
                        return;
                    }
                }
            }
        }
    }

    /** Runs handshake tasks and sends handshake records until the engine waits for the peer. */
    private void progress(Io io) throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                List<Runnable> tasks = new ArrayList<>();
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    tasks.add(task);
                }
                if (established) {
                    tasks.forEach(Runnable::run); // post-handshake messages (TLS 1.3 tickets): cheap
                    continue;
                }
                tasksPending = true;
                io.offload(() -> tasks.forEach(Runnable::run), () -> resume(io));
                return;
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                if (wrap(EMPTY, io) == 0
                        && (engine.isOutboundDone() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP)) {
                    return;
                }
            } else {
                if (hs == HandshakeStatus.NOT_HANDSHAKING && !established && engine.getSession().isValid()
                        && !"NONE".equals(engine.getSession().getProtocol())) {
                    finished(io);
                }
                return;
            }
        }
    }

    /** @return bytes produced */
    private int wrap(ByteBuffer app, Io io) throws IOException {
        int produced = 0;
        do {
            ByteBuffer out = io.scratchNet(engine.getSession().getPacketBufferSize());
            SSLEngineResult r = engine.wrap(app, out);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                out = io.scratchNet(out.capacity() * 2);
                r = engine.wrap(app, out);
            }
            if (out.position() > 0) {
                out.flip();
                produced += out.remaining();
                io.transmit(out);
            }
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                finished(io);
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
                break;
            }
        } while (app.hasRemaining());
        return produced;
    }

    /**
     * @return whether a handshake starts on an established TLS 1.2 session: a renegotiation (RFC 5746),
     *         which a server never starts, so the client did. TLS 1.3 has none (its post-handshake
     *         messages, tickets and key updates, are handled inside the engine).
     */
    private boolean renegotiating(HandshakeStatus hs) {
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED
                && "TLSv1.2".equals(engine.getSession().getProtocol());
    }

    private void finished(Io io) {
        if (established) {
            return;
        }
        established = true;
        SSLSession s = engine.getSession();
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    peer.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate (client.auth none, or want without one)
        }
        details = new TlsDetails(s.getProtocol(), s.getCipherSuite(), peer);
        io.established();
    }

    @Override
    public void outbound(ByteBuffer app, Io io) throws IOException {
        wrap(app, io);
    }

    private void sendAlert(Io io) {
        try {
            engine.closeOutbound();
            wrap(EMPTY, io);
        } catch (IOException | RuntimeException e) {
            // the alert is a courtesy
        }
    }

    @Override
    public void close(Io io) {
        sendAlert(io);
    }

    @Override
    public Optional<TlsDetails> details() {
        return Optional.ofNullable(details);
    }
}
