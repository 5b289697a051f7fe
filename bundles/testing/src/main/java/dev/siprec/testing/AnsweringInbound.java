package dev.siprec.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;

/**
 * Test fixture standing in for the SIP core: records what the transport hands over and answers
 * each message with a fixed {@code 200 OK}, each framing error with a fixed {@code 400}.
 */
public final class AnsweringInbound implements SipInbound {
    public static final String OK = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";
    public static final String BAD = "SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

    public record Framing(SipConnection connection, byte[] partial, int status, String reason) {
    }

    public final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    public final BlockingQueue<SipConnection> connections = new LinkedBlockingQueue<>();
    public final BlockingQueue<Framing> errors = new LinkedBlockingQueue<>();

    @Override
    public void received(SipConnection connection, byte[] message) {
        messages.add(message);
        connections.add(connection);
        try {
            connection.send(OK.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void framingError(SipConnection connection, byte[] partial, String reason) {
        throw new AssertionError("the transport must report the framer's status");
    }

    @Override
    public void framingError(SipConnection connection, byte[] partial, int status, String reason) {
        errors.add(new Framing(connection, partial, status, reason));
        try {
            connection.send(BAD.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String nextMessage() throws InterruptedException {
        byte[] m = messages.poll(15, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message framed within 15 s");
        }
        return new String(m, StandardCharsets.ISO_8859_1);
    }

    public Framing nextError() throws InterruptedException {
        Framing f = errors.poll(15, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no framing error within 15 s");
        }
        return f;
    }
}
