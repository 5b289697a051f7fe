package dev.siprec.sip.transport.stream;

import java.nio.ByteBuffer;

import dev.siprec.sip.codec.SipLimits;
import dev.siprec.sip.codec.StreamFramer;

/**
 * Feeds a connection's plaintext to the codec's {@link StreamFramer} (RFC 3261 §18.3) and tracks
 * whether a message is in progress, since when and how many bytes of it arrived, for the
 * slow-sender protection. Loop thread only.
 */
final class FramingInput implements StreamFramer.Sink {
    private final StreamConnection connection;
    private final StreamFramer framer;
    private long messageStartedAt;
    private long messageBytes;

    FramingInput(StreamConnection connection, SipLimits limits) {
        this.connection = connection;
        this.framer = new StreamFramer(limits);
    }

    void feed(ByteBuffer in, long now) {
        if (framer.failed()) {
            in.position(in.limit());
            return;
        }
        int length = in.remaining();
        boolean wasInMessage = framer.inMessage();
        framer.feed(in, this);
        if (framer.failed() || !framer.inMessage()) {
            messageStartedAt = 0;
            messageBytes = 0;
        } else if (wasInMessage && messageStartedAt != 0) {
            messageBytes += length;
        } else {
            // a message started in this chunk (possibly after others completed in it)
            messageStartedAt = now;
            messageBytes = wasInMessage ? length : 0;
        }
    }

    /** @return {@code System.nanoTime()} when the message in progress started, 0 when none is */
    long messageStartedAt() {
        return messageStartedAt;
    }

    /** @return bytes received of the message in progress since its start was seen */
    long messageBytes() {
        return messageBytes;
    }

    @Override
    public void message(byte[] message) {
        connection.messageFramed(message);
    }

    @Override
    public void keepAlive() {
        connection.keepAlive();
    }

    @Override
    public void error(int status, String reason, byte[] partial) {
        connection.framingError(status, reason, partial);
    }
}
