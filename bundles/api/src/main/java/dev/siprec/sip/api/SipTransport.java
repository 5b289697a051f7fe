package dev.siprec.sip.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One SIP listener: a transport type bound to one local address (RFC 3261 §18).
 *
 * <p>Registered by a transport bundle once per listener configuration. The SIP core tracks every
 * registration dynamically, {@linkplain #attach(SipInbound) attaches} itself, and from then on the
 * transport hands each framed message to it. A transport frames messages only (a UDP datagram, or
 * by {@code Content-Length} on a stream, RFC 3261 §18.3) and knows nothing of transactions.
 *
 * <p>When the service is unregistered the transport closes its sockets and connections; the core
 * drops only the transactions and dialogs that lived on them.
 */
@ConsumerType
public interface SipTransport {

    /** Service property, {@code String}: the transport name as in a Via header, {@code UDP}, {@code TCP}, {@code TLS}, {@code WS}, {@code WSS}, {@code SCTP} (RFC 3261 §18, §20.42). */
    String TRANSPORT = "sip.transport";
    /** Service property, {@code Integer}: the local port actually bound. */
    String PORT = "sip.port";
    /** Service property, {@code String}: the local address bound, textual form ({@code 0.0.0.0}, {@code ::}, ...). */
    String ADDRESS = "sip.address";
    /** Service property, {@code String}: the listener's name, e.g. the factory configuration name {@code default}. */
    String LISTENER = "sip.listener";
    /**
     * Service property, {@code String}: the listener's {@link ListenerStatus.State} name at registration
     * ({@code LISTENING} or {@code FAILED}); a failed listener stays registered so that operators see why.
     */
    String STATE = "sip.state";

    /** @return the transport name, as {@link #TRANSPORT}. */
    String transport();

    /** @return the listener's name, as {@link #LISTENER}. */
    String name();

    /** @return the bound local address. */
    InetSocketAddress localAddress();

    /** @return {@code true} for stream transports that retransmit themselves (TCP, TLS): RFC 3261 §17 timers A, E, G are not used. */
    boolean reliable();

    /** @return {@code true} when the transport is encrypted and may carry {@code sips:} (RFC 3261 §26.2). */
    boolean secure();

    /**
     * Starts handing received messages to {@code inbound}. Called by the SIP core; a transport has
     * at most one inbound at a time and drops (with a DEBUG log) what arrives while none is attached.
     */
    void attach(SipInbound inbound);

    /** Stops handing messages to {@code inbound}, if it is the one attached. */
    void detach(SipInbound inbound);

    /**
     * An open connection to {@code remote} that this listener already holds: the inbound connection
     * of a recording client, reused for requests the server sends in its dialog (RFC 3261 §18.2.2).
     * For UDP every remote has a connection view over the listener's socket.
     */
    Optional<SipConnection> connection(InetSocketAddress remote);

    /**
     * Opens (or reuses) a connection to {@code remote}. For TLS {@code serverName} is the host name
     * validated against the peer's certificate (RFC 5922); it may be {@code null} for UDP and TCP.
     *
     * @throws IOException when no connection can be established
     */
    SipConnection connect(InetSocketAddress remote, String serverName) throws IOException;

    /** @return state, reason and counters of this listener, for operators. */
    ListenerStatus status();
}
