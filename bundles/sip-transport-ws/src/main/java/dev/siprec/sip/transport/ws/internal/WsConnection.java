package dev.siprec.sip.transport.ws.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

/**
 * One SIP-over-WebSocket flow (RFC 7118 §5): each WebSocket message carries exactly one SIP message,
 * text or binary. Jetty parses and unmasks the frames and enforces the frame size; this class joins
 * the data frames of one message (bounded by {@code max.message.bytes}, close code 1009 beyond it)
 * and hands the message to the listener. Sends one SIP message as one frame: text when it is valid
 * UTF-8, binary otherwise (RFC 7118 §5.1).
 */
final class WsConnection implements SipConnection, FrameHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

    private final WsListener listener;
    private final Optional<TlsDetails> tls;
    private final AtomicLong backlog = new AtomicLong();
    private ByteArrayOutputStream message = new ByteArrayOutputStream(256);
    private volatile CoreSession session;
    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress local;
    private volatile boolean open;
    /** Last SIP message either way, or the last time a dialog was seen on this flow ({@code System.nanoTime()}). */
    private volatile long lastMessage = System.nanoTime();
    private boolean inMessage;

    WsConnection(WsListener listener, Optional<TlsDetails> tls) {
        this.listener = listener;
        this.tls = tls;
    }

    // --- FrameHandler (Jetty's threads, one frame at a time per connection)

    @Override
    public void onOpen(CoreSession s, Callback callback) {
        session = s;
        remote = (InetSocketAddress) s.getRemoteAddress();
        local = (InetSocketAddress) s.getLocalAddress();
        open = true;
        listener.opened(this);
        callback.succeeded();
        s.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte op = frame.getOpCode();
        if (op == OpCode.TEXT || op == OpCode.BINARY || op == OpCode.CONTINUATION) {
            if (op != OpCode.CONTINUATION) {
                message.reset();
                inMessage = true;
            } else if (!inMessage) {
                callback.succeeded();
                session.close(CloseStatus.PROTOCOL, "continuation without a message", Callback.NOOP);
                return;
            }
            int length = frame.getPayloadLength();
            if (message.size() + (long) length > listener.settings().maxMessageBytes()) {
                listener.tooLarge(this);
                message.reset();
                inMessage = false;
                callback.succeeded();
                session.close(CloseStatus.MESSAGE_TOO_LARGE,
                        "SIP message over " + listener.settings().maxMessageBytes() + " bytes", Callback.NOOP);
                return;
            }
            if (length > 0) {
                ByteBuffer p = frame.getPayload().slice();
                byte[] chunk = new byte[p.remaining()];
                p.get(chunk);
                message.write(chunk, 0, chunk.length);
            }
            if (frame.isFin()) {
                byte[] complete = message.toByteArray();
                // do not keep a large buffer for the connection's lifetime
                message = complete.length > 4096 ? new ByteArrayOutputStream(256) : message;
                message.reset();
                inMessage = false;
                lastMessage = System.nanoTime();
                listener.dispatch(this, complete);
            }
        }
        callback.succeeded(); // Jetty answers PING with PONG and completes the close handshake itself
        if (op != OpCode.CLOSE) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        listener.error(this, cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        open = false;
        listener.closed(this);
        LOG.debug("{}: WebSocket {} closed: {}", listener.name(), remote, status);
        callback.succeeded();
    }

    // --- SipConnection

    @Override
    public SipTransport transport() {
        return listener;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public boolean isOpen() {
        CoreSession s = session;
        return open && s != null && s.isOutputOpen();
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        CoreSession s = session;
        if (!isOpen()) {
            throw new IOException("WebSocket to " + remote + " is closed");
        }
        if (backlog.addAndGet(bytes.length) > WsSettings.MAX_WRITE_BACKLOG) {
            backlog.addAndGet(-bytes.length);
            listener.writeOverflow(this);
            s.abort();
            throw new IOException("WebSocket to " + remote + " is not reading: write backlog full");
        }
        lastMessage = System.nanoTime();
        byte[] copy = bytes.clone();
        Frame frame = new Frame(utf8(copy) ? OpCode.TEXT : OpCode.BINARY, true, ByteBuffer.wrap(copy));
        s.sendFrame(frame, Callback.from(() -> backlog.addAndGet(-copy.length), t -> {
            backlog.addAndGet(-copy.length);
            LOG.debug("{}: send to {} failed: {}", listener.name(), remote, t.toString());
        }), false);
    }

    @Override
    public Optional<TlsDetails> tls() {
        return tls;
    }

    @Override
    public void close() {
        CoreSession s = session;
        if (s != null) {
            s.close(CloseStatus.NORMAL, "closed by the server", Callback.NOOP);
        }
    }

    long lastMessage() {
        return lastMessage;
    }

    void touch(long now) {
        lastMessage = now;
    }

    /** Closes at once, without the close handshake (listener shutdown). */
    void abort() {
        CoreSession s = session;
        if (s != null) {
            s.abort();
        }
    }

    static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return listener.transport() + " " + local + " <-> " + remote;
    }
}
