package dev.siprec.srtp.dtls.internal;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.kex.api.MediaPort;
import dev.siprec.kex.api.MediaPortHandler;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * One DTLS-SRTP association: the keys of one m-line and the handler of its media port. As server
 * ({@code a=setup:passive}) it answers ClientHellos with a stateless {@code HelloVerifyRequest}
 * cookie (RFC 6347 §4.2.1) and runs the handshake with the first source that returns it; as client
 * it connects to the offer's address when the port is attached. The blocking Bouncy Castle
 * handshake runs on the engine's threads; the media thread only queues datagrams. Keys: the
 * exported material (RFC 5764 §4.2), wiped by {@link #close()}.
 */
final class Association implements MediaKeys, MediaPortHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Association.class);

    enum Role { SERVER, CLIENT }

    private enum State { IDLE, WAITING, HANDSHAKING, ESTABLISHED, FAILED, CLOSED }

    private final DtlsEngine engine;
    private final Role role;
    private final List<SrtpProfile> profiles;
    private final List<Fingerprint> expected;
    private final DtlsIdentity identity;
    private final InetSocketAddress offerPeer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final SourceLimits limits;
    private State state = State.IDLE;
    private MediaPort port;
    private QueueTransport transport;
    private DTLSTransport dtls;
    private boolean pumping;
    private byte[] material;
    private volatile KeyingInfo info;
    private SrtpProfile profile;
    private Runnable cancelDeadline = () -> { };

    Association(DtlsEngine engine, Role role, List<SrtpProfile> profiles, List<Fingerprint> expected,
                DtlsIdentity identity, InetSocketAddress offerPeer) {
        this.engine = engine;
        this.role = role;
        this.profiles = List.copyOf(profiles);
        this.expected = List.copyOf(expected);
        this.identity = identity;
        this.offerPeer = offerPeer;
        this.limits = new SourceLimits(engine.settings().maxHandshakesPerSource(), engine.settings().maxDatagramsPerSecond());
        this.info = new KeyingInfo(KeyExchange.DTLS, profiles.get(0).suite, null, roleName(), expected.get(0).format());
    }

    Role role() {
        return role;
    }

    List<Fingerprint> expected() {
        return expected;
    }

    InetSocketAddress offerPeer() {
        return offerPeer;
    }

    DtlsIdentity identity() {
        return identity;
    }

    synchronized boolean usable() {
        return state != State.FAILED && state != State.CLOSED;
    }

    private String roleName() {
        return role == Role.SERVER ? "server" : "client";
    }

    // ---- MediaPortHandler -------------------------------------------------------------------

    @Override
    public synchronized void attach(MediaPort mediaPort) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        this.port = mediaPort;
        if (state == State.ESTABLISHED) {
            return;
        }
        cancelDeadline.run();
        cancelDeadline = engine.deadline(this::deadlineExpired);
        if (role == Role.SERVER) {
            state = State.WAITING;
        } else {
            startHandshake(offerPeer, null);
        }
    }

    @Override
    public void datagram(byte[] data, int offset, int length, InetSocketAddress source) {
        if (length > engine.settings().maxDatagram()) {
            refuseDatagram(Refusal.OVERSIZE, source, length + " bytes over max.datagram.bytes");
            return;
        }
        if (!limits.allowDatagram(System.nanoTime())) {
            refuseDatagram(Refusal.FLOOD, source, "over max.datagrams.per.second");
            return;
        }
        boolean pump = false;
        synchronized (this) {
            switch (state) {
                case WAITING -> {
                    onWaiting(data, offset, length, source);
                    return;
                }
                case HANDSHAKING, ESTABLISHED -> {
                    if (transport == null) {
                        return;
                    }
                    if (!source.equals(transport.peer())) {
                        refuseDatagram(Refusal.WRONG_SOURCE, source, "association is with " + transport.peer());
                        return;
                    }
                    if (!transport.offer(data, offset, length)) {
                        refuseDatagram(Refusal.FLOOD, source, "handshake queue full");
                        return;
                    }
                    if (state == State.ESTABLISHED && dtls != null && !pumping) {
                        pumping = true;
                        pump = true;
                    }
                }
                default -> {
                    return;
                }
            }
        }
        if (pump && !engine.run(this::pump)) {
            synchronized (this) {
                pumping = false;
            }
        }
    }

    /** Server, before a handshake: only a ClientHello with a valid cookie starts one (RFC 6347 §4.2.1). */
    private void onWaiting(byte[] data, int offset, int length, InetSocketAddress source) {
        if (!limits.allowHandshake(source)) {
            refuseDatagram(Refusal.HANDSHAKE_LIMIT, source, "over max.handshakes.per.source");
            return;
        }
        boolean[] sent = {false};
        DatagramSender reply = new DatagramSender() {
            @Override
            public int getSendLimit() {
                return QueueTransport.SEND_LIMIT;
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                sent[0] = true;
                port.send(buf, off, len, source);
            }
        };
        DTLSRequest request;
        try {
            request = engine.verifier().verifyRequest(clientId(source), data, offset, length, reply);
        } catch (RuntimeException e) {
            request = null;
        }
        if (request != null) {
            limits.countHandshake(source);
            startHandshake(source, request);
        } else if (sent[0]) {
            engine.counters().helloVerifySent.increment();
        } else {
            refuseDatagram(Refusal.GARBAGE, source, "not a DTLS ClientHello");
        }
    }

    private void startHandshake(InetSocketAddress peer, DTLSRequest request) {
        QueueTransport t = new QueueTransport(port, peer, engine.settings().maxDatagram());
        Handshake hs = new Handshake(profiles, expected, (int) engine.settings().handshakeTimeout().toMillis(),
                engine.settings().maxDatagram());
        transport = t;
        state = State.HANDSHAKING;
        engine.counters().started.increment();
        if (!engine.run(() -> handshake(t, hs, request))) {
            transport = null;
            t.close();
            refuseDatagram(Refusal.BUSY, peer, "all handshake threads busy");
            handshakeEnded(role == Role.CLIENT);
        }
    }

    private void handshake(QueueTransport t, Handshake hs, DTLSRequest request) {
        try {
            DTLSTransport done = role == Role.SERVER
                    ? engine.serverProtocol().accept(new SrtpDtlsServer(engine.crypto(), identity, hs), t, request)
                    : engine.clientProtocol().connect(new SrtpDtlsClient(engine.crypto(), identity, hs), t);
            established(t, done, hs);
        } catch (Exception e) {
            hs.wipe();
            failed(t, hs, e);
        }
    }

    private synchronized void established(QueueTransport t, DTLSTransport done, Handshake hs) {
        byte[] m = hs.takeMaterial();
        if (state != State.HANDSHAKING || transport != t) {
            Arrays.fill(m, (byte) 0);
            closeQuietly(done);
            return;
        }
        material = m;
        profile = hs.chosen();
        dtls = done;
        state = State.ESTABLISHED;
        info = new KeyingInfo(KeyExchange.DTLS, profile.suite, profile.profileName, roleName(), hs.peerFingerprint());
        engine.counters().completed.increment();
        cancelDeadline.run();
        LOG.info("DTLS-SRTP keys ready: profile {}, role {}, peer {} ({})", profile.profileName, roleName(),
                t.peer(), hs.peerFingerprint());
        ready.complete(null);
    }

    private synchronized void failed(QueueTransport t, Handshake hs, Exception e) {
        if (state != State.HANDSHAKING || transport != t) {
            return;
        }
        Refusal r = hs.refusal() != null ? hs.refusal()
                : e instanceof org.bouncycastle.tls.TlsTimeoutException ? Refusal.TIMEOUT : Refusal.FAILED;
        String why = hs.reason() != null ? hs.reason()
                : r == Refusal.TIMEOUT ? "handshake did not complete in " + engine.settings().handshakeTimeout().toSeconds() + " s"
                : describe(e);
        engine.counters().refused(r);
        LOG.warn("DTLS handshake with {} refused ({}): {}", t.peer(), r, why);
        LOG.debug("DTLS handshake failure", e);
        t.close();
        transport = null;
        boolean fatal = role == Role.CLIENT || r == Refusal.FINGERPRINT_MISMATCH || r == Refusal.NO_COMMON_PROFILE;
        if (fatal) {
            fail(r, why);
        } else {
            state = State.WAITING;
        }
    }

    private void handshakeEnded(boolean fatal) {
        if (fatal) {
            fail(Refusal.BUSY, "all handshake threads busy");
        } else {
            state = State.WAITING;
        }
    }

    private synchronized void deadlineExpired() {
        if (state == State.WAITING || state == State.HANDSHAKING) {
            engine.counters().refused(Refusal.TIMEOUT);
            String why = "no DTLS handshake completed within " + engine.deadlineMillis() / 1000 + " s";
            LOG.warn("DTLS association refused ({}): {}", Refusal.TIMEOUT, why);
            if (transport != null) {
                transport.close();
                transport = null;
            }
            fail(Refusal.TIMEOUT, why);
        }
    }

    private void fail(Refusal r, String why) {
        state = State.FAILED;
        cancelDeadline.run();
        ready.completeExceptionally(new DtlsRefusedException(r, why));
    }

    /** After the handshake: lets Bouncy Castle answer a retransmitted final flight (RFC 6347 §4.2.4). */
    private void pump() {
        byte[] buf = new byte[engine.settings().maxDatagram()];
        try {
            while (true) {
                DTLSTransport d;
                synchronized (this) {
                    d = dtls;
                    if (d == null || state != State.ESTABLISHED) {
                        pumping = false;
                        return;
                    }
                }
                if (d.receive(buf, 0, buf.length, 1) < 0) {
                    synchronized (this) {
                        pumping = false;
                    }
                    return;
                }
            }
        } catch (Exception e) {
            LOG.debug("DTLS association after handshake: {}", e.toString());
            synchronized (this) {
                pumping = false;
            }
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    @Override
    public synchronized void detach() {
        port = null;
        if (transport != null) {
            closeQuietly(dtls);
            dtls = null;
            transport.close();
            transport = null;
            if (state == State.HANDSHAKING || state == State.WAITING) {
                state = State.IDLE;
            }
        } else if (state == State.WAITING) {
            state = State.IDLE;
        }
    }

    /** Ends the association: closes the transport, wipes the keys, fails {@link #ready()} if pending. */
    synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        closeQuietly(dtls);
        dtls = null;
        if (transport != null) {
            transport.close();
        }
        state = State.CLOSED;
        cancelDeadline.run();
        if (material != null) {
            Arrays.fill(material, (byte) 0);
            material = null;
        }
        ready.completeExceptionally(new IllegalStateException("DTLS association closed before keys were ready"));
    }

    synchronized boolean wiped() {
        return state == State.CLOSED && material == null;
    }

    // ---- MediaKeys --------------------------------------------------------------------------

    @Override
    public KeyingInfo info() {
        return info;
    }

    @Override
    public CompletionStage<Void> ready() {
        return ready.minimalCompletionStage();
    }

    @Override
    public synchronized SrtpPolicy receivePolicy() {
        // the peer's write key (RFC 5764 §4.2): the client's when we are the server
        return policy(role == Role.SERVER);
    }

    @Override
    public synchronized SrtpPolicy sendPolicy() {
        return policy(role == Role.CLIENT);
    }

    @Override
    public java.util.Optional<MediaPortHandler> mediaPortHandler() {
        return java.util.Optional.of(this);
    }

    /** client_write_key | server_write_key | client_write_salt | server_write_salt (RFC 5764 §4.2). */
    private SrtpPolicy policy(boolean clientWrite) {
        if (state != State.ESTABLISHED || material == null) {
            throw new IllegalStateException("DTLS-SRTP keys are not available (" + state + ")");
        }
        int k = profile.keyLength;
        int s = profile.saltLength;
        byte[] key = Arrays.copyOfRange(material, clientWrite ? 0 : k, clientWrite ? k : 2 * k);
        byte[] salt = Arrays.copyOfRange(material, 2 * k + (clientWrite ? 0 : s), 2 * k + (clientWrite ? s : 2 * s));
        try {
            return SrtpPolicy.of(profile.suite, new SrtpMasterKey(key, salt));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    private void refuseDatagram(Refusal r, InetSocketAddress source, String why) {
        engine.counters().refused(r);
        if (limits.firstOf(r)) {
            LOG.warn("DTLS datagram from {} refused ({}): {} (further ones counted, not logged)", source, r, why);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            b.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return b.toString();
    }

    private static byte[] clientId(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        byte[] id = Arrays.copyOf(ip, ip.length + 2);
        id[ip.length] = (byte) (a.getPort() >> 8);
        id[ip.length + 1] = (byte) a.getPort();
        return id;
    }

    private static void closeQuietly(DTLSTransport t) {
        if (t != null) {
            try {
                t.close();
            } catch (Exception e) {
                LOG.debug("closing DTLS transport: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "DtlsAssociation[" + roleName() + ", " + info.suite() + ", " + (material == null ? "no keys" : "keyed") + "]";
    }
}
