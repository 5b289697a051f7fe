package dev.siprec.metrics.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipTransport;

/** A listener that only reports a status. */
public final class FakeTransport implements SipTransport {
    private final String transport;
    private final String name;
    private final ListenerStatus status;

    public FakeTransport(String transport, String name, ListenerStatus.State state, long received, long errors, Map<String, String> details) {
        this.transport = transport;
        this.name = name;
        this.status = new ListenerStatus(state, state == ListenerStatus.State.FAILED ? "address in use" : null, Instant.EPOCH, 1,
                received, errors, details);
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 5060);
    }

    @Override
    public boolean reliable() {
        return !"UDP".equals(transport);
    }

    @Override
    public boolean secure() {
        return "TLS".equals(transport);
    }

    @Override
    public void attach(SipInbound inbound) {
    }

    @Override
    public void detach(SipInbound inbound) {
    }

    @Override
    public Optional<SipConnection> connection(InetSocketAddress remote) {
        return Optional.empty();
    }

    @Override
    public SipConnection connect(InetSocketAddress remote, String serverName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ListenerStatus status() {
        return status;
    }
}
