package dev.siprec.media.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.api.MediaException;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.MediaService;
import dev.siprec.media.api.StreamQuality;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.codec.Decoders;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpEngine;

/**
 * The media service without OSGi: I/O loops, the port allocator and the open receivers. Settings may be
 * replaced while running (new allocations use them); the number of I/O threads is fixed at creation.
 */
public final class MediaEngine implements MediaService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);

    private final IoLoop[] loops;
    private final PortAllocator ports = new PortAllocator();
    private final Map<RtpReceiver, Boolean> receivers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final MediaClock clock;
    private final Supplier<SrtpEngine> engine;
    private final Consumer<StreamQuality> quality;
    private volatile MediaSettings settings;
    private volatile boolean closed;

    /**
     * @param engine the SRTP engine when one is available ({@code null} result otherwise)
     * @throws IllegalStateException when a selector cannot be opened
     */
    public MediaEngine(MediaSettings settings, MediaClock clock, Supplier<SrtpEngine> engine) {
        this(settings, clock, engine, q -> { });
    }

    /**
     * @param engine the SRTP engine when one is available ({@code null} result otherwise)
     * @param quality receives every stream's quality reports, on the I/O threads; must not block
     * @throws IllegalStateException when a selector cannot be opened
     */
    public MediaEngine(MediaSettings settings, MediaClock clock, Supplier<SrtpEngine> engine,
                       Consumer<StreamQuality> quality) {
        this.quality = Objects.requireNonNull(quality);
        this.settings = Objects.requireNonNull(settings);
        this.clock = clock;
        this.engine = engine;
        this.loops = new IoLoop[settings.ioThreads()];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new IoLoop("siprec-media-" + i, clock);
            }
        } catch (IOException e) {
            for (IoLoop l : loops) {
                if (l != null) {
                    l.stop();
                }
            }
            throw new IllegalStateException("cannot open a selector for media I/O", e);
        }
        for (IoLoop l : loops) {
            l.start();
        }
        warnLatchAny(settings);
        LOG.info("Media reception on {} ports {}-{} ({} I/O threads, jitter buffer {} ms), advertising {}",
                settings.bind().getHostAddress(), settings.portMin(), settings.portMax(), loops.length,
                settings.jitterMillis(), settings.advertised().getHostAddress());
    }

    /** Applies new settings to later allocations (the I/O thread count stays). */
    public void reconfigure(MediaSettings s) {
        if (s.ioThreads() != loops.length) {
            LOG.warn("io.threads changed to {}; it applies when the media component restarts (now {})",
                    s.ioThreads(), loops.length);
        }
        this.settings = s;
        warnLatchAny(s);
        LOG.info("Media settings changed: ports {}-{}, bind {}, advertised {}, jitter buffer {} ms", s.portMin(),
                s.portMax(), s.bind().getHostAddress(), s.advertised().getHostAddress(), s.jitterMillis());
    }

    private static void warnLatchAny(MediaSettings s) {
        if (s.latchAny()) {
            LOG.warn("latch.any=true: streams latch to the first valid packet from any address; plain RTP can be "
                    + "injected by anyone who reaches the media ports");
        }
    }

    @Override
    public MediaReceiver allocate(String sessionId, String streamKey, boolean rtcpMux) throws MediaException {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(streamKey, "streamKey");
        if (closed) {
            throw new MediaException("media service is stopping");
        }
        MediaSettings s = settings;
        PortAllocator.Ports p = ports.allocate(s, rtcpMux);
        IoLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        RtpReceiver r = new RtpReceiver(sessionId, streamKey, p, loop, s, clock, engine, this::released, quality);
        receivers.put(r, Boolean.TRUE);
        return r;
    }

    private void released(RtpReceiver r) {
        ports.release(r.rtpPort());
        receivers.remove(r);
    }

    @Override
    public List<StreamStatistics> receivers() {
        List<StreamStatistics> all = new ArrayList<>();
        for (RtpReceiver r : receivers.keySet()) {
            all.add(r.statistics());
        }
        return all;
    }

    @Override
    public int freePorts() {
        return ports.free(settings);
    }

    /** @return port pairs currently allocated */
    int allocatedPairs() {
        return ports.allocated();
    }

    @Override
    public int outputSampleRate(List<Codec> codecs) {
        return Decoders.outputRate(codecs);
    }

    /** Closes every receiver (flushing their output) and stops the I/O threads. */
    @Override
    public void close() {
        closed = true;
        for (RtpReceiver r : List.copyOf(receivers.keySet())) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing stream {} failed", r.local(), e);
            }
        }
        for (IoLoop l : loops) {
            l.stop();
        }
        LOG.info("Media reception stopped");
    }
}
