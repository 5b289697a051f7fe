package dev.siprec.sip.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a TCP or TLS byte stream into SIP messages (RFC 3261 §18.3): the header section up to the
 * empty line, then exactly {@code Content-Length} body bytes. Between messages, {@code CRLFCRLF} is a
 * keep-alive ping (RFC 5626 §4.4.1) and a lone {@code CRLF} is skipped. Memory is bounded by
 * {@link SipLimits#maxHeaderBytes()} plus one message of at most {@link SipLimits#maxMessageBytes()}.
 *
 * <p>One framer per connection, used by one thread at a time. After {@link Sink#error} the framer is
 * unusable: the transport closes the connection.
 */
public final class StreamFramer {

    /** Receives what the framer cuts from the stream; called on the thread that calls {@link #feed}. */
    public interface Sink {
        /** @param message one whole message (header section and body), handed over to the sink */
        void message(byte[] message);

        /** A {@code CRLFCRLF} ping arrived; the transport answers with a {@code CRLF} pong (RFC 5626 §4.4.1). */
        void keepAlive();

        /**
         * The stream cannot be framed any further.
         *
         * @param status {@code 400} (missing or invalid {@code Content-Length}), {@code 413} (body too
         *        large), {@code 513} (header section too large)
         * @param reason short text for logs and a response reason phrase
         * @param partial the bytes of the offending header section read so far (possibly truncated)
         */
        void error(int status, String reason, byte[] partial);
    }

    private static final int IDLE = 0;
    private static final int HEADERS = 1;
    private static final int BODY = 2;
    private static final int FAILED = 3;
    private static final int INITIAL_BUFFER = 2048;
    private static final int RETAINED_BUFFER = 8192;

    private final SipLimits limits;
    private int state = IDLE;
    private int crlfs;
    private boolean cr;
    private byte[] head;
    private int headLength;
    private int newlines;
    private byte[] message;
    private int filled;

    /** @param limits size limits; see {@link SipLimits#defaults()} */
    public StreamFramer(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return whether the framer has reported an error and must not be fed any more */
    public boolean failed() {
        return state == FAILED;
    }

    /** @return whether bytes of an incomplete message are buffered (for idle and slow-sender checks) */
    public boolean inMessage() {
        return state == HEADERS || state == BODY;
    }

    /**
     * Consumes all remaining bytes of {@code in} and reports every complete message, keep-alive and
     * error to {@code sink}, in stream order. Stops consuming after an error.
     *
     * @throws IllegalStateException if called after an error
     */
    public void feed(ByteBuffer in, Sink sink) {
        if (state == FAILED) {
            throw new IllegalStateException("stream framing failed earlier; the connection must be closed");
        }
        while (in.hasRemaining() && state != FAILED) {
            switch (state) {
                case IDLE -> idle(in, sink);
                case HEADERS -> headers(in, sink);
                default -> body(in, sink);
            }
        }
    }

    private void idle(ByteBuffer in, Sink sink) {
        while (in.hasRemaining()) {
            byte b = in.get(in.position());
            if (b == '\r') {
                cr = true;
            } else if (b == '\n') {
                crlfs = cr ? crlfs + 1 : 0;
                cr = false;
                if (crlfs == 2) {
                    crlfs = 0;
                    in.get();
                    sink.keepAlive();
                    continue;
                }
            } else {
                crlfs = 0;
                cr = false;
                state = HEADERS;
                headLength = 0;
                newlines = 0;
                if (head == null) {
                    head = new byte[Math.min(INITIAL_BUFFER, limits.maxHeaderBytes())];
                }
                return;
            }
            in.get();
        }
    }

    private void headers(ByteBuffer in, Sink sink) {
        int max = limits.maxHeaderBytes();
        while (in.hasRemaining()) {
            if (headLength == head.length) {
                if (headLength >= max) {
                    fail(sink, 513, "Header section too large", Arrays.copyOf(head, headLength));
                    return;
                }
                head = Arrays.copyOf(head, Math.min(max, head.length * 2));
            }
            byte b = in.get();
            head[headLength++] = b;
            if (b == '\n') {
                if (++newlines == 2) {
                    endOfHeaders(sink);
                    return;
                }
            } else if (b != '\r') {
                newlines = 0;
            }
        }
    }

    private void endOfHeaders(Sink sink) {
        long cl = HeaderScanner.contentLength(head, 0, headLength);
        if (cl == -1) {
            fail(sink, 400, "Missing Content-Length on a stream transport", Arrays.copyOf(head, headLength));
            return;
        }
        if (cl < 0) {
            fail(sink, 400, "Invalid Content-Length", Arrays.copyOf(head, headLength));
            return;
        }
        if (cl > limits.maxMessageBytes() - headLength) {
            fail(sink, 413, "Message body too large", Arrays.copyOf(head, headLength));
            return;
        }
        message = Arrays.copyOf(head, headLength + (int) cl);
        filled = headLength;
        if (head.length > RETAINED_BUFFER) {
            head = null;
        }
        if (cl == 0) {
            complete(sink);
        } else {
            state = BODY;
        }
    }

    private void body(ByteBuffer in, Sink sink) {
        int n = Math.min(in.remaining(), message.length - filled);
        in.get(message, filled, n);
        filled += n;
        if (filled == message.length) {
            complete(sink);
        }
    }

    private void complete(Sink sink) {
        byte[] m = message;
        message = null;
        state = IDLE;
        sink.message(m);
    }

    private void fail(Sink sink, int status, String reason, byte[] partial) {
        state = FAILED;
        head = null;
        message = null;
        sink.error(status, reason, partial);
    }
}
