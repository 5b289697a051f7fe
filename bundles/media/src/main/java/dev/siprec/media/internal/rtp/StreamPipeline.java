package dev.siprec.media.internal.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.internal.codec.AudioDecoder;
import dev.siprec.media.internal.codec.Decoders;
import dev.siprec.media.internal.codec.Opus;
import dev.siprec.media.internal.codec.Resampler;
import dev.siprec.sdp.api.Codec;

/**
 * The per-stream path after validation and SRTP: SSRC tracking, jitter buffer, decoding to PCM at one
 * output rate, concealment or silence for gaps, telephone events (RFC 4733, reported, not written as
 * audio) and comfort noise (RFC 3389, written as silence), and raw packets of undecodable formats to
 * pcap. Called under the receiver's lock only; never blocks beyond a buffered file write.
 */
public final class StreamPipeline implements JitterBuffer.Player {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPipeline.class);
    /** After an SSRC change, packets of an earlier SSRC are stragglers for this long; later they switch back. */
    static final long STRAGGLER_NANOS = 250_000_000L;

    private final String key;
    private final Timeline timeline;
    private final JitterBuffer jitter;
    private final DtmfDetector dtmf;
    private final SafeOutput out;
    private final StreamCounters counters;
    private final InetSocketAddress local;
    private final MediaClock clock;
    private final RtpView view = new RtpView();
    /** Payload type to 1 + its place in the three arrays below; 0: not negotiated. */
    private final byte[] formats = new byte[128];
    private Codec[] codecs = new Codec[0];
    private AudioDecoder[] decoders = new AudioDecoder[0];
    private Resampler[] resamplers = new Resampler[0];
    /** Decoded and resampled PCM, sized to the largest packet seen. */
    private short[] pcm = new short[0];
    private short[] resampled = new short[0];
    private Path rawDirectory;
    private PcapWriter raw;
    private boolean rawFailed;
    private long rawFlushed;
    private long currentSsrc = -1;
    private long switchNanos;
    private long lastPlayed = -1;
    private int lastPlayedType = -1;
    private InetSocketAddress lastSource;
    private long playArrival;

    public StreamPipeline(String key, int outputRate, List<Codec> codecs, Path rawDirectory, long jitterNanos,
                          SafeOutput out, MediaClock clock, StreamCounters counters, InetSocketAddress local) {
        this.key = key;
        this.out = out;
        this.counters = counters;
        this.local = local;
        this.clock = clock;
        this.timeline = new Timeline(outputRate, out, clock, jitterNanos);
        this.jitter = new JitterBuffer(jitterNanos);
        this.dtmf = new DtmfDetector(this::dtmfEvent);
        configure(codecs, rawDirectory);
    }

    /** Applies a (re)negotiated list of payload formats; decoders of unchanged formats keep their state. */
    public void configure(List<Codec> list, Path rawDir) {
        Codec[] byType = new Codec[128];
        int count = 0;
        for (Codec c : list) {
            if (byType[c.payloadType()] == null) {
                count++;
            }
            byType[c.payloadType()] = c;
        }
        Codec[] nextCodecs = new Codec[count];
        AudioDecoder[] nextDecoders = new AudioDecoder[count];
        Resampler[] nextResamplers = new Resampler[count];
        byte[] nextFormats = new byte[128];
        int i = 0;
        for (int pt = 0; pt < 128; pt++) {
            Codec c = byType[pt];
            if (c == null) {
                continue;
            }
            int old = (formats[pt] & 0xFF) - 1;
            if (old >= 0 && c.equals(codecs[old])) {
                nextDecoders[i] = decoders[old];
                nextResamplers[i] = resamplers[old];
            } else {
                AudioDecoder d = c.isAudio() ? Decoders.create(c) : null;
                nextDecoders[i] = d;
                nextResamplers[i] = d != null && d.sampleRate() != timeline.rate() ? new Resampler(d.sampleRate(), timeline.rate()) : null;
            }
            nextCodecs[i] = c;
            nextFormats[pt] = (byte) ++i;
        }
        codecs = nextCodecs;
        decoders = nextDecoders;
        resamplers = nextResamplers;
        System.arraycopy(nextFormats, 0, formats, 0, 128);
        this.rawDirectory = rawDir;
    }

    /** @return the negotiated codec of {@code payloadType}, or {@code null} */
    private Codec codec(int payloadType) {
        int i = formats[payloadType] & 0xFF;
        return i == 0 ? null : codecs[i - 1];
    }

    /** @return whether {@code payloadType} was negotiated */
    public boolean accepts(int payloadType) {
        return formats[payloadType] != 0;
    }

    public int outputRate() {
        return timeline.rate();
    }

    /** @return the pcap file of undecodable packets, or {@code null} */
    public Path rawFile() {
        return raw == null ? null : raw.file();
    }

    /** One valid RTP packet (decrypted) of length {@code length} at the start of {@code b}. */
    public void packet(byte[] b, int length, long arrivalNanos, InetSocketAddress source) {
        if (!view.parse(b, length)) {
            counters.malformed++;
            return;
        }
        long ssrc = view.ssrc();
        if (ssrc != currentSsrc) {
            boolean seen = counters.seen(ssrc);
            if (seen && arrivalNanos - switchNanos < STRAGGLER_NANOS) {
                counters.late++; // a straggler of the previous source, just after the switch
                return;
            }
            if (currentSsrc >= 0) {
                LOG.debug("Stream {}: SSRC changed from {} to {}", key, currentSsrc, ssrc);
                jitter.flush(this);
                dtmf.finish();
                jitter.reset();
            }
            currentSsrc = ssrc;
            switchNanos = arrivalNanos;
            counters.reception.newSource();
            if (!seen) {
                counters.ssrcs.add(ssrc);
            }
            lastPlayed = -1;
        }
        lastSource = source;
        Codec codec = codec(view.payloadType());
        counters.reception.packet(view.sequence(), view.timestamp(),
                codec != null && !codec.isTelephoneEvent() ? codec.clockRate() : 0, arrivalNanos);
        switch (jitter.offer(b, length, view.sequence(), arrivalNanos, this)) {
            case DUPLICATE:
                counters.duplicates++;
                break;
            case LATE:
                counters.late++;
                break;
            default:
                break;
        }
        jitter.drain(arrivalNanos, this);
    }

    /** @return whether packets wait in the jitter buffer (then every tick may release some) */
    public boolean waiting() {
        return jitter.buffered() > 0;
    }

    /** Releases packets whose wait is over. */
    public void tick(long nowNanos) {
        jitter.drain(nowNanos, this);
        jitter.trim(nowNanos);
        if (raw != null && nowNanos - rawFlushed >= 1_000_000_000L) {
            rawFlushed = nowNanos;
            raw.flush();
        }
    }

    /** Plays everything buffered and forgets sequence state (hold, SSRC change). */
    public void hold() {
        jitter.flush(this);
        dtmf.finish();
        jitter.reset();
        lastPlayed = -1;
        counters.reception.resume();
    }

    /** Writes silence up to wall-clock time {@code nowNanos} (the end of a hold); the next packet re-anchors. */
    public void silenceUntil(long nowNanos) {
        timeline.fillTo(timeline.positionAt(nowNanos));
        timeline.reanchor();
    }

    /** Flushes and closes; the pipeline is unusable afterwards. */
    public void close() {
        jitter.flush(this);
        dtmf.finish();
        if (raw != null) {
            try {
                raw.close();
            } catch (IOException e) {
                LOG.warn("Stream {}: closing {} failed: {}", key, raw.file(), e.toString());
            }
        }
    }

    public Timeline timeline() {
        return timeline;
    }

    /** An RTCP sender report from {@code ssrc}. */
    public void senderReport(long ssrc, long rtpTs, java.time.Instant wallClock) {
        timeline.senderReport(ssrc, rtpTs, wallClock);
    }

    @Override
    public void lost(long count) {
        counters.lost += count;
    }

    @Override
    public void play(byte[] b, int length, long sequence, long arrivalNanos) {
        view.parse(b, length);
        int pt = view.payloadType();
        Codec codec = codec(pt);
        playArrival = arrivalNanos;
        boolean gap = lastPlayed >= 0 && sequence > lastPlayed + 1 && lastPlayedType == pt;
        lastPlayed = sequence;
        lastPlayedType = pt;
        if (codec == null) {
            return; // renegotiated away while buffered
        }
        if (codec.isTelephoneEvent()) {
            if (!dtmf.packet(view.ssrc(), view.timestamp(), codec.clockRate(), b, view.payloadOffset(),
                    view.payloadLength())) {
                counters.malformed++;
            }
            return;
        }
        long pos = timeline.position(view.ssrc(), view.timestamp(), codec.clockRate(), arrivalNanos, true,
                view.marker());
        if (codec.isComfortNoise()) {
            return; // silence: the gap to the next audio is filled when it arrives
        }
        int f = (formats[pt] & 0xFF) - 1;
        AudioDecoder decoder = decoders[f];
        if (decoder == null) {
            writeRaw(b, length, arrivalNanos);
            return;
        }
        counters.codec = codec.encoding();
        int max = decoder.maxSamples(view.payloadLength());
        if (pcm.length < max) {
            pcm = new short[max];
        }
        if (gap && pos > timeline.written()) {
            conceal(decoder, f, pos);
        }
        int n = decoder.decode(b, view.payloadOffset(), view.payloadLength(), pcm, 0);
        if (n < 0) {
            counters.malformed++;
            return;
        }
        emit(f, pos, pcm, n);
    }

    private void conceal(AudioDecoder decoder, int f, long pos) {
        long gapOut = Math.min(pos - timeline.written(), (long) Opus.MAX_CONCEALED_MILLIS * timeline.rate() / 1000);
        long budget = gapOut * decoder.sampleRate() / timeline.rate(); // in decoder samples
        while (budget > 0) {
            int n = decoder.conceal(pcm, 0, (int) Math.min(budget, pcm.length));
            if (n <= 0) {
                return;
            }
            emit(f, timeline.written(), pcm, n);
            budget -= n;
        }
    }

    /** @param f the format's place in the arrays */
    private void emit(int f, long pos, short[] samples, int n) {
        Resampler r = resamplers[f];
        if (r == null) {
            timeline.write(pos, samples, 0, n);
            return;
        }
        int max = r.maxOutput(n);
        if (resampled.length < max) {
            resampled = new short[max];
        }
        int m = r.process(samples, 0, n, resampled, 0);
        timeline.write(pos, resampled, 0, m);
    }

    private void writeRaw(byte[] b, int length, long arrivalNanos) {
        counters.undecodable++;
        if (raw == null) {
            if (rawDirectory == null || rawFailed) {
                return;
            }
            try {
                raw = PcapWriter.create(rawDirectory, key, local);
                LOG.info("Stream {}: payload type {} cannot be decoded, keeping raw RTP in {}", key,
                        view.payloadType(), raw.file());
            } catch (IOException e) {
                rawFailed = true;
                LOG.warn("Stream {}: cannot create a pcap file in {}: {}", key, rawDirectory, e.toString());
                return;
            }
        }
        InetSocketAddress src = lastSource != null ? lastSource : local;
        if (!raw.write(b, length, src, clock.wallClock(arrivalNanos))
                && raw.failed() && !rawFailed) {
            rawFailed = true;
            LOG.warn("Stream {}: writing {} failed; raw packets are no longer kept", key, raw.file());
        }
    }

    private void dtmfEvent(char digit, long ssrc, long startTs, int duration, int clockRate) {
        long durNanos = duration * 1_000_000_000L / clockRate;
        long pos = timeline.position(ssrc, startTs, clockRate, playArrival - durNanos);
        counters.dtmfEvents++;
        out.dtmf(digit, pos, (int) (duration * 1000L / clockRate));
    }
}
