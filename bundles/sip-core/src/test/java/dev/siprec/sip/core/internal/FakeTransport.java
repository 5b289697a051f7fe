package dev.siprec.sip.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

/** A transport that records what is sent and lets the test inject received messages. */
final class FakeTransport implements SipTransport {

    /** One message sent: destination and bytes. */
    record Sent(InetSocketAddress to, byte[] bytes) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final InetSocketAddress local;
    final String name;
    final boolean reliable;
    volatile SipInbound inbound;
    volatile boolean failSends;
    private final Map<InetSocketAddress, Conn> conns = new ConcurrentHashMap<>();

    FakeTransport(String name, boolean reliable, int port) {
        this.name = name;
        this.reliable = reliable;
        this.local = new InetSocketAddress("127.0.0.1", port);
    }

    /** Outbound connections asked for: destination and server name. */
    final List<String> connects = new CopyOnWriteArrayList<>();

    final class Conn implements SipConnection {
        final InetSocketAddress remote;
        volatile boolean open = true;

        Conn(InetSocketAddress remote) {
            this.remote = remote;
        }

        @Override public SipTransport transport() { return FakeTransport.this; }
        @Override public InetSocketAddress remote() { return remote; }
        @Override public InetSocketAddress local() { return local; }
        @Override public boolean isOpen() { return open; }
        @Override public Optional<TlsDetails> tls() { return Optional.empty(); }
        @Override public void close() { }

        @Override
        public void send(byte[] message) throws IOException {
            if (failSends) {
                throw new IOException("send failure injected");
            }
            sent.add(new Sent(remote, message));
        }
    }

    Conn conn(String host, int port) {
        return conns.computeIfAbsent(new InetSocketAddress(host, port), Conn::new);
    }

    /** Delivers a message as if received from {@code host:port}. */
    void receive(String host, int port, String message) {
        inbound.received(conn(host, port), message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> sentTexts() {
        return sent.stream().map(Sent::text).toList();
    }

    @Override public String transport() { return reliable ? "TCP" : "UDP"; }
    @Override public String name() { return name; }
    @Override public InetSocketAddress localAddress() { return local; }
    @Override public boolean reliable() { return reliable; }
    @Override public boolean secure() { return false; }
    @Override public void attach(SipInbound in) { this.inbound = in; }
    @Override public void detach(SipInbound in) { if (this.inbound == in) { this.inbound = null; } }
    @Override
    public Optional<SipConnection> connection(InetSocketAddress remote) {
        return reliable ? Optional.ofNullable(conns.get(remote)) : Optional.of(conns.computeIfAbsent(remote, Conn::new));
    }
    @Override
    public SipConnection connect(InetSocketAddress remote, String serverName) {
        connects.add(remote + " " + serverName);
        Conn c = new Conn(remote);
        conns.put(remote, c);
        return c;
    }

    @Override
    public ListenerStatus status() {
        return new ListenerStatus(ListenerStatus.State.LISTENING, null, Instant.EPOCH, conns.size(), 0, 0, Map.of());
    }
}
