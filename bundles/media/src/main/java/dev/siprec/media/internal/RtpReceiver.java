package dev.siprec.media.internal;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.MediaPort;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.codec.Decoders;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.media.internal.rtp.SafeOutput;
import dev.siprec.media.internal.rtp.StreamCounters;
import dev.siprec.media.internal.rtp.StreamPipeline;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.srtp.api.SrtpEngine;

/**
 * One stream's sockets on one I/O loop, and its lifecycle: allocated (ports bound, nothing read),
 * started (registered with the selector), closed (deregistered, sockets closed, ports released, keys
 * wiped). Packet handling and API calls synchronize on this object; the lock is uncontended except
 * while an operator or the session thread reads statistics or renegotiates.
 */
final class RtpReceiver implements MediaReceiver, IoLoop.Tickable {
    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);

    /** Called once the receiver's ports are free again. */
    interface Owner {
        void closed(RtpReceiver receiver);
    }

    private final String sessionId;
    private final String streamKey;
    private final PortAllocator.Ports ports;
    private final IoLoop loop;
    private final LocalEndpoint local;
    private final MediaClock clock;
    private final Supplier<SrtpEngine> engine;
    private final long jitterNanos;
    private final boolean latchAny;
    private final java.nio.file.Path defaultRawDirectory;
    private final Owner owner;
    private final StreamCounters counters = new StreamCounters();
    private final StreamKeying keying;
    private final QualityReports quality;
    /** Volatile: read without the lock by {@link Port#send}. */
    private volatile PacketHandler handler;
    private StreamPipeline pipeline;
    /** Datagrams at most taken from each socket when the stream closes (about 20 s of 20 ms packets). */
    static final int DRAIN_AT_CLOSE = 1024;
    /** Period of the tick work while nothing waits in the jitter buffer. */
    static final long IDLE_TICK_NANOS = 100_000_000L;
    /** When the tick work last ran; on the loop thread only. */
    private long lastFullTick = Long.MIN_VALUE / 2;
    /** Whether packets wait in the jitter buffer; written under the lock, read by {@link #tick} without it. */
    private volatile boolean waiting;
    private SelectionKey rtpKey;
    private SelectionKey rtcpKey;
    private volatile boolean closed;
    /** The latch rule of the settings being started, for a key exchange that sends before the handler exists. */
    private volatile LatchRule startRule;
    /** Largest UDP payload over IPv4. */
    private static final int MAX_DATAGRAM = 65507;

    /** @param quality receives the stream's quality reports ({@link dev.siprec.media.api.StreamQualityListener}) */
    RtpReceiver(String sessionId, String streamKey, PortAllocator.Ports ports, IoLoop loop, MediaSettings settings,
                MediaClock clock, Supplier<SrtpEngine> engine, Owner owner,
                java.util.function.Consumer<dev.siprec.media.api.StreamQuality> quality) {
        this.quality = new QualityReports(sessionId, streamKey, quality);
        this.sessionId = sessionId;
        this.streamKey = streamKey;
        this.ports = ports;
        this.loop = loop;
        this.clock = clock;
        this.engine = engine;
        this.owner = owner;
        this.jitterNanos = settings.jitterMillis() * 1_000_000L;
        this.latchAny = settings.latchAny();
        this.defaultRawDirectory = settings.rawDirectory() == null ? null
                : settings.rawDirectory().resolve(sessionId.replaceAll("[^A-Za-z0-9._-]", "_"));
        boolean v6 = settings.advertised() instanceof Inet6Address;
        int rtcpPort = ports.rtcp() == null ? ports.rtpPort() : ports.rtpPort() + 1;
        this.local = new LocalEndpoint(v6 ? Connection.IP6 : Connection.IP4, settings.advertised().getHostAddress(),
                ports.rtpPort(), rtcpPort);
        this.keying = new StreamKeying(streamKey, this, loop::execute, engine, new Port());
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public LocalEndpoint local() {
        return local;
    }

    @Override
    public void start(StreamSettings settings, RecordingSink.Session output) {
        java.util.Objects.requireNonNull(settings, "settings");
        java.util.Objects.requireNonNull(output, "output");
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stream " + streamKey + " is closed");
            }
            if (handler != null) {
                throw new IllegalStateException("stream " + streamKey + " already started");
            }
            int rate = Decoders.outputRate(settings.codecs());
            startRule = LatchRule.of(settings, latchAny);
            keying.apply(settings, engine.get());
            InetSocketAddress localRtp = new InetSocketAddress(local.address(), local.rtpPort());
            pipeline = new StreamPipeline(streamKey, rate, settings.codecs(), rawDirectory(settings), jitterNanos,
                    new SafeOutput(settings.streamKey(), output), clock, counters, localRtp);
            handler = new PacketHandler(streamKey, pipeline, counters, ports.rtcp() == null, keying, settings.receiving(),
                    LatchRule.of(settings, latchAny), latchAny);
            quality.start(clock.nanoTime());
            if (!latchAny) {
                LOG.debug("Stream {}/{} latches to {}", sessionId, streamKey, LatchRule.of(settings, false));
            }
        }
        loop.executeAndWait(this::register);
        LOG.debug("Stream {}/{} started on port {} ({})", sessionId, streamKey, local.rtpPort(), settings);
    }

    /** The session's directory for undecodable payloads, else the configured default for this session. */
    java.nio.file.Path rawDirectory(StreamSettings settings) {
        return settings.rawDirectory() != null ? settings.rawDirectory() : defaultRawDirectory;
    }

    private void register() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                rtpKey = loop.register(ports.rtp(), (b, n, src, now) -> datagram(b, n, src, false, now));
                if (ports.rtcp() != null) {
                    rtcpKey = loop.register(ports.rtcp(), (b, n, src, now) -> datagram(b, n, src, true, now));
                }
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("media socket of " + streamKey + " closed before start", e);
            }
            loop.addTickable(this);
        }
    }

    @Override
    public void update(StreamSettings settings) {
        synchronized (this) {
            if (handler == null) {
                throw new IllegalStateException("stream " + streamKey + " not started");
            }
            if (closed) {
                return;
            }
            handler.update(settings, rawDirectory(settings), engine.get(), clock.nanoTime());
            waiting = handler.waiting();
        }
    }

    private synchronized void datagram(byte[] b, int length, InetSocketAddress source, boolean rtcpPort, long now) {
        if (!closed) {
            handler.datagram(b, length, source, rtcpPort, now);
            boolean w = handler.waiting();
            if (w != waiting) {
                waiting = w;
            }
        }
    }

    /**
     * Every I/O loop tick ({@value IoLoop#TICK_NANOS} ns) while packets wait in the jitter buffer;
     * otherwise the stream's tick work (idle slots let go, pcap flush, quality reports: all on
     * seconds) runs every {@value #IDLE_TICK_NANOS} ns, and the other ticks cost one volatile read.
     */
    @Override
    public void tick(long nowNanos) {
        if (!waiting && nowNanos - lastFullTick < IDLE_TICK_NANOS) {
            return; // without the lock: the other ticks touch nothing but this object
        }
        lastFullTick = nowNanos;
        dev.siprec.media.api.StreamQuality report = null;
        synchronized (this) {
            if (!closed && handler != null) {
                handler.tick(nowNanos);
                waiting = handler.waiting();
                report = quality.due(nowNanos, counters, handler.suite(), false);
            }
        }
        quality.deliver(report);
    }

    @Override
    public synchronized StreamStatistics statistics() {
        InetSocketAddress latched = handler == null ? null : handler.latched();
        return new StreamStatistics(sessionId, streamKey, local.rtpPort(),
                latched == null ? null : latched.getAddress().getHostAddress() + ":" + latched.getPort(), counters.codec,
                pipeline == null ? 0 : pipeline.outputRate(), handler == null ? null : handler.suite(),
                List.copyOf(counters.ssrcs), counters.received, counters.lost, counters.late, counters.duplicates,
                counters.authFailed, counters.replayed, counters.malformed, counters.rtcpPackets, counters.dtmfEvents,
                counters.firstPacketNanos < 0 ? null : clock.wallClock(counters.firstPacketNanos),
                counters.lastPacketNanos < 0 ? null : clock.wallClock(counters.lastPacketNanos),
                pipeline == null ? null : pipeline.rawFile(), counters.refusedSource, counters.droppedBeforeKeys,
                counters.keyExchangeDatagrams);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        // One round on the stream's I/O thread: packets the client sent before the BYE and still in
        // the socket are taken first, then the stream ends, then its sockets close.
        dev.siprec.media.api.StreamQuality[] report = new dev.siprec.media.api.StreamQuality[1];
        boolean[] ended = new boolean[1];
        try {
            loop.executeAndWait(() -> {
                drainPending();
                ended[0] = end(report);
                closeSockets();
            });
        } catch (IllegalStateException e) {
            LOG.warn("Stream {}/{}: {}; ending it from this thread", sessionId, streamKey, e.getMessage());
            ended[0] |= end(report);
            closeSockets();
        }
        if (!ended[0]) {
            return; // another close() ended it
        }
        quality.deliver(report[0]);
        owner.closed(this);
        LOG.debug("Stream {}/{} closed, port {} released", sessionId, streamKey, local.rtpPort());
    }

    /**
     * Ends the stream once: flushes the packet path into the sink, keeps the final quality report in
     * {@code report[0]}, wipes the keys.
     *
     * @return {@code false} when it had ended already
     */
    private synchronized boolean end(dev.siprec.media.api.StreamQuality[] report) {
        if (closed) {
            return false;
        }
        closed = true;
        if (handler != null) {
            long now = clock.nanoTime();
            handler.close(now);
            report[0] = quality.due(now, counters, handler.suite(), true);
        }
        keying.close(); // also when start failed: detaches a port handler, wipes keys
        return true;
    }

    /** On the loop thread: what the kernel holds for the stream's ports, at most {@value #DRAIN_AT_CLOSE} datagrams each. */
    private void drainPending() {
        loop.drain(rtpKey, DRAIN_AT_CLOSE);
        loop.drain(rtcpKey, DRAIN_AT_CLOSE);
    }

    /** On the loop thread: deregister, then close, so that the ports are free when this returns. */
    private void closeSockets() {
        loop.removeTickable(this);
        if (rtpKey != null) {
            rtpKey.cancel();
        }
        if (rtcpKey != null) {
            rtcpKey.cancel();
        }
        if (loop.inLoop()) {
            loop.flushCancelled();
        }
        PortAllocator.closeQuietly(ports.rtp());
        PortAllocator.closeQuietly(ports.rtcp());
    }

    /** The I/O loop the stream's sockets are on (tests). */
    IoLoop loop() {
        return loop;
    }

    int rtpPort() {
        return ports.rtpPort();
    }

    /**
     * The stream's RTP port as its key exchange sees it. Sends without the receiver's lock (a key
     * exchange may send from its own thread while holding its own lock), only to a source the stream
     * may latch to, and once latched only to the latched peer's address.
     */
    private final class Port implements MediaPort {
        @Override
        public InetSocketAddress local() {
            try {
                if (ports.rtp().getLocalAddress() instanceof InetSocketAddress a) {
                    return a;
                }
            } catch (java.io.IOException e) {
                LOG.debug("Stream {}/{}: local address unknown: {}", sessionId, streamKey, e.toString());
            }
            return new InetSocketAddress(local.address(), local.rtpPort());
        }

        @Override
        public void send(byte[] data, int offset, int length, InetSocketAddress to) {
            java.util.Objects.checkFromIndexSize(offset, length, data.length);
            PacketHandler h = handler;
            LatchRule before = startRule;
            boolean allowed = to != null && to.getAddress() != null
                    && (h != null ? h.maySendTo(to) : before != null && before.allows(to.getAddress()));
            if (closed || length > MAX_DATAGRAM || !allowed) {
                LOG.debug("Stream {}/{}: key exchange datagram to {} not sent", sessionId, streamKey, to);
                return;
            }
            try {
                ports.rtp().send(java.nio.ByteBuffer.wrap(data, offset, length), to);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.debug("Stream {}/{}: key exchange datagram to {} not sent: {}", sessionId, streamKey, to, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "RtpReceiver[" + sessionId + "/" + streamKey + " on " + local.address() + ":" + local.rtpPort()
                + (ports.rtcp() == null ? " rtcp-mux" : "") + "]";
    }
}
