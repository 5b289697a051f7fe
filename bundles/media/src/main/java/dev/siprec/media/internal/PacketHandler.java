package dev.siprec.media.internal;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.rtp.RtcpParser;
import dev.siprec.media.internal.rtp.RtpView;
import dev.siprec.media.internal.rtp.SrtpContexts;
import dev.siprec.media.internal.rtp.StreamCounters;
import dev.siprec.media.internal.rtp.StreamPipeline;
import dev.siprec.srtp.api.SrtpEngine;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpStatus;

/**
 * The packet path of one started stream, before the jitter buffer: RTP/RTCP demultiplexing (RFC 5761
 * §4), symmetric latching on the first valid packet (right version, negotiated payload type, a source
 * the {@link LatchRule} allows, and for SRTP authenticated), SRTP/SRTCP unprotect (RFC 3711) and RTCP
 * sender reports. Once latched, only the latched source is heard: after {@link #RELATCH_NANOS} of its
 * silence another port of the same address may take over (a restarted media relay), but never another
 * address until a new offer names it ({@link #update}); with {@code latch.any} any allowed source may
 * take over after that silence. RTCP is accepted only from the latched peer's address. Packets refused
 * for their source are counted and logged (rate-limited). Outcomes are counted, never thrown. The
 * caller holds the receiver's lock.
 */
final class PacketHandler implements RtcpParser.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(PacketHandler.class);
    /** Silence of the latched source after which another source may take over. */
    static final long RELATCH_NANOS = 2_000_000_000L;
    /** Seconds between 1900 (NTP era 0) and 1970. */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private final String key;
    private final StreamPipeline pipeline;
    private final StreamCounters counters;
    private final boolean rtcpMux;
    private final boolean latchAny;
    private final SrtpPacket packet = new SrtpPacket(new byte[0]);
    private final StreamKeying keying;
    /** Volatile: read without the lock when a key exchange sends from the stream's port. */
    private volatile InetSocketAddress latched;
    private long lastValidNanos;
    private boolean receiving;
    private volatile LatchRule rule;
    private long lastRefusalLogNanos;
    private long refusalsLogged;

    PacketHandler(String key, StreamPipeline pipeline, StreamCounters counters, boolean rtcpMux, SrtpContexts srtp,
                  boolean receiving) {
        this(key, pipeline, counters, rtcpMux, srtp, receiving, LatchRule.any(), true);
    }

    /**
     * @param rule the sources the stream may latch to
     * @param latchAny whether another allowed address may take over after the latched one fell silent
     */
    PacketHandler(String key, StreamPipeline pipeline, StreamCounters counters, boolean rtcpMux, SrtpContexts srtp,
                  boolean receiving, LatchRule rule, boolean latchAny) {
        this(key, pipeline, counters, rtcpMux, StreamKeying.of(key, srtp), receiving, rule, latchAny);
    }

    /**
     * @param keying where the stream's SRTP keys come from
     * @param rule the sources the stream may latch to
     * @param latchAny whether another allowed address may take over after the latched one fell silent
     */
    PacketHandler(String key, StreamPipeline pipeline, StreamCounters counters, boolean rtcpMux, StreamKeying keying,
                  boolean receiving, LatchRule rule, boolean latchAny) {
        this.rule = rule;
        this.latchAny = latchAny;
        this.key = key;
        this.pipeline = pipeline;
        this.counters = counters;
        this.rtcpMux = rtcpMux;
        this.keying = keying;
        this.receiving = receiving;
    }

    InetSocketAddress latched() {
        return latched;
    }

    String suite() {
        return keying.suite();
    }

    /**
     * Whether the stream's key exchange may send to {@code to} from the stream's port: a source the
     * stream may latch to, and once latched only the latched peer's address. Lock-free.
     */
    boolean maySendTo(InetSocketAddress to) {
        InetSocketAddress l = latched;
        return to != null && to.getAddress() != null && rule.allows(to.getAddress())
                && (l == null || l.getAddress().equals(to.getAddress()));
    }

    /** A datagram on the RTP port ({@code rtcpPort == false}) or the RTCP port. */
    void datagram(byte[] b, int length, InetSocketAddress source, boolean rtcpPort, long now) {
        if (length > 0 && b[0] >= 20 && b[0] <= 63) { // RFC 7983 §7: DTLS
            keyExchange(b, length, source, rtcpPort, now);
        } else if (rtcpPort || (rtcpMux && RtpView.isRtcp(b, length))) {
            rtcp(b, length, source, now);
        } else {
            rtp(b, length, source, now);
        }
    }

    /** Applies a renegotiation of codecs, keys, direction and remote address. */
    void update(StreamSettings s, java.nio.file.Path rawDirectory, SrtpEngine engine, long now) {
        pipeline.configure(s.codecs(), rawDirectory);
        keying.apply(s, engine);
        if (receiving && !s.receiving()) {
            pipeline.hold();
        } else if (!receiving && s.receiving()) {
            pipeline.silenceUntil(now);
        }
        receiving = s.receiving();
        LatchRule newRule = latchAny ? LatchRule.any() : LatchRule.of(s, false);
        if (!newRule.equals(rule)) {
            LOG.debug("Stream {}: the new offer allows {}", key, newRule);
        }
        rule = newRule;
        if (s.remote() != null && latched != null && !s.remote().equals(latched)) {
            if (rule.allows(latched.getAddress())) {
                lastValidNanos = now - RELATCH_NANOS; // a new remote address may take over at once
            } else {
                LOG.info("Stream {}: the new offer moves the peer from {}; unlatched", key, latched);
                latched = null;
            }
        }
    }

    void tick(long now) {
        pipeline.tick(now);
    }

    /** @return whether packets wait in the jitter buffer for a tick to release them */
    boolean waiting() {
        return pipeline.waiting();
    }

    /** Ends the stream: a hold is filled with silence up to {@code now}; keys are wiped. */
    void close(long now) {
        if (!receiving) {
            pipeline.silenceUntil(now);
        }
        pipeline.close();
        keying.close();
    }

    /** A DTLS datagram: to the key exchange's port handler when the source is acceptable, else counted. */
    private void keyExchange(byte[] b, int length, InetSocketAddress source, boolean rtcpPort, long now) {
        if (rtcpPort) {
            counters.malformed++; // one association per stream, on the RTP port (RTCP shares its keys, RFC 5764 §4.1)
        } else if (!maySendTo(source)) {
            refused(source, now, "DTLS");
        } else if (keying.keyExchangeDatagram(b, length, source)) {
            counters.keyExchangeDatagrams++;
        } else {
            counters.malformed++;
        }
    }

    /** @return {@code true} (and counts the packet) when the stream is SRTP and its keys have not arrived */
    private boolean keysMissing() {
        if (keying.awaitingKeys()) {
            counters.droppedBeforeKeys++;
            return true;
        }
        return false;
    }

    private void rtp(byte[] b, int length, InetSocketAddress source, long now) {
        if (length < RtpView.FIXED_HEADER || (b[0] & 0xC0) != 0x80 || !pipeline.accepts(b[1] & 0x7F)) {
            counters.malformed++;
            return;
        }
        boolean fromLatched = source.equals(latched);
        if (!fromLatched && !mayLatch(source, now)) {
            refused(source, now, "RTP");
            return;
        }
        if (keysMissing()) {
            return;
        }
        SrtpContexts srtp = keying.srtp();
        int len = length;
        if (srtp != null) {
            SrtpStatus status = srtp.unprotectRtp(packet.set(b, length));
            if (!ok(status)) {
                return;
            }
            len = packet.length();
        }
        if (!fromLatched) {
            latch(source);
        }
        lastValidNanos = now;
        if (counters.firstPacketNanos < 0) {
            counters.firstPacketNanos = now;
        }
        counters.lastPacketNanos = now;
        counters.received++;
        if (receiving) {
            pipeline.packet(b, len, now, source);
        }
    }

    /** Whether a valid packet from {@code source}, not the latched peer, may (re-)latch the stream. */
    private boolean mayLatch(InetSocketAddress source, long now) {
        if (!rule.allows(source.getAddress())) {
            return false;
        }
        if (latched == null) {
            return true;
        }
        if (now - lastValidNanos < RELATCH_NANOS) {
            return false;
        }
        return latchAny || latched.getAddress().equals(source.getAddress());
    }

    /** Counts a packet refused for its source; logs the first, then at most one summary per 10 s. */
    private void refused(InetSocketAddress source, long now, String what) {
        counters.refusedSource++;
        if (refusalsLogged == 0 || now - lastRefusalLogNanos >= 10_000_000_000L) {
            LOG.warn("Stream {}: {} from {} refused: {} ({} refused so far; latched: {})", key, what, source,
                    latched == null ? "the stream may latch only to " + rule : "not the latched peer",
                    counters.refusedSource, latched);
            lastRefusalLogNanos = now;
            refusalsLogged++;
        }
    }

    private void rtcp(byte[] b, int length, InetSocketAddress source, long now) {
        if (latched == null || !latched.getAddress().equals(source.getAddress())) {
            refused(source, now, "RTCP");
            return;
        }
        if (keysMissing()) {
            return;
        }
        SrtpContexts srtp = keying.srtp();
        int len = length;
        if (srtp != null) {
            SrtpStatus status = srtp.unprotectRtcp(packet.set(b, length));
            if (!ok(status)) {
                return;
            }
            len = packet.length();
        }
        if (RtcpParser.parse(b, len, this) < 0) {
            counters.malformed++;
        } else {
            counters.rtcpPackets++;
        }
    }

    private boolean ok(SrtpStatus status) {
        switch (status) {
            case OK:
                return true;
            case AUTH_FAIL:
            case KEY_EXPIRED:
            case UNKNOWN_MKI:
                counters.authFailed++;
                return false;
            case REPLAY_OLD:
            case REPLAY_DUP:
                counters.replayed++;
                return false;
            default:
                counters.malformed++;
                return false;
        }
    }

    private void latch(InetSocketAddress source) {
        if (latched == null) {
            LOG.debug("Stream {}: latched on {}", key, source);
        } else {
            LOG.info("Stream {}: re-latched from {} to {} after {} ms of silence", key, latched, source,
                    RELATCH_NANOS / 1_000_000);
        }
        latched = source;
    }

    @Override
    public void senderReport(long ssrc, long ntpSeconds, long ntpFraction, long rtpTimestamp) {
        // RFC 3550 §4: NTP seconds since 1900; era 1 (after 2036) wraps, the MSB tells them apart
        long unix = (ntpSeconds & 0x80000000L) != 0 ? ntpSeconds - NTP_UNIX_OFFSET
                : ntpSeconds + (1L << 32) - NTP_UNIX_OFFSET;
        long nanos = (ntpFraction * 1_000_000_000L) >>> 32;
        pipeline.senderReport(ssrc, rtpTimestamp, Instant.ofEpochSecond(unix, nanos));
    }

    @Override
    public void bye(long ssrc) {
        LOG.debug("Stream {}: RTCP BYE from SSRC {}", key, ssrc);
    }
}
