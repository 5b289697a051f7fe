package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import dev.siprec.sip.api.TlsDetails;

/** The TCP layer: bytes pass through unchanged. */
public final class PlainLayer implements StreamLayer {

    @Override
    public void open(Io io) {
        io.established();
    }

    @Override
    public void inbound(ByteBuffer net, Io io) throws IOException {
        io.deliver(net);
    }

    @Override
    public void outbound(ByteBuffer app, Io io) {
        io.transmit(app);
    }

    @Override
    public void close(Io io) {
        // nothing to say before FIN
    }

    @Override
    public Optional<TlsDetails> details() {
        return Optional.empty();
    }
}
