package dev.siprec.siprec.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyedAnswerSession;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.media.api.MediaException;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.MediaService;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.RemoteEndpoint;

/**
 * The streams of one recording session by m-line index. Supplies the answerer's
 * {@link MediaEndpoints} (keeping an m-line's receiver across re-offers when its label and RTCP
 * multiplexing are unchanged, allocating a new one otherwise), then commits or rolls back what an
 * answer allocated. A stream key is never reused within a session, so a new stream never
 * overwrites an earlier one's file. Guarded by the owning call's lock.
 */
final class StreamSet {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSet.class);

    private record Fresh(String key, MediaReceiver receiver) {
    }

    /** What a committed answer changed. */
    record Changes(List<StreamBinding> added, List<StreamBinding> updated, List<StreamBinding> removed) {
    }

    private final String sessionId;
    private final Supplier<MediaService> media;
    private final Map<Integer, StreamBinding> byIndex = new TreeMap<>();
    private final Map<Integer, Fresh> fresh = new TreeMap<>();
    private final Set<String> usedKeys = new HashSet<>();
    private final List<StreamBinding> ended = new ArrayList<>();
    private int allocationFailures;
    private int maxStreams = Integer.MAX_VALUE;
    private boolean capReached;

    StreamSet(String sessionId, Supplier<MediaService> media) {
        this.sessionId = sessionId;
        this.media = media;
    }

    /** At most {@code max} streams in the whole session (keys ever used); m-lines beyond get no ports. */
    void maxStreams(int max) {
        maxStreams = max;
    }

    /** @return whether the last answer wanted a stream beyond {@link #maxStreams}; reset by commit and rollback */
    boolean capReached() {
        return capReached;
    }

    MediaEndpoints endpoints() {
        return this::endpoint;
    }

    private Optional<LocalEndpoint> endpoint(NegotiatedMedia nm) {
        StreamBinding b = byIndex.get(nm.index());
        if (b != null && !b.closed && Objects.equals(b.label(), nm.label()) && b.negotiated.rtcpMux() == nm.rtcpMux()) {
            return Optional.of(b.receiver.local());
        }
        Fresh f = fresh.get(nm.index());
        if (f != null) {
            return Optional.of(f.receiver().local());
        }
        if (usedKeys.size() >= maxStreams) {
            capReached = true;
            return Optional.empty();
        }
        String key = newKey(nm);
        try {
            MediaReceiver r = media.get().allocate(sessionId, key, nm.rtcpMux());
            fresh.put(nm.index(), new Fresh(key, r));
            return Optional.of(r.local());
        } catch (MediaException | RuntimeException e) {
            usedKeys.remove(key);
            allocationFailures++;
            LOG.warn("session {}: no media ports for m-line {}: {}", sessionId, nm.index(), e.getMessage());
            return Optional.empty();
        }
    }

    /** @return how many m-lines could not get ports since the last commit or rollback. */
    int allocationFailures() {
        return allocationFailures;
    }

    private String newKey(NegotiatedMedia nm) {
        String base = nm.label() == null ? "m" + nm.index() : SessionIds.sanitize(nm.label(), 32);
        if (base.isEmpty()) {
            base = "m" + nm.index();
        }
        String key = base;
        for (int n = 2; usedKeys.contains(key); n++) {
            key = base + "-" + n;
        }
        usedKeys.add(key);
        return key;
    }

    /** Makes the answer's outcome current, for an answer session that hands over no key exchange keys. */
    Changes commit(OfferAnswer oa) {
        return commit(oa, null);
    }

    /**
     * Makes the answer's outcome current: new streams bound, kept streams updated, refused ones
     * closed. Each accepted stream takes the {@link MediaKeys} its key exchange committed, when
     * {@code answers} hands them over ({@link KeyedAnswerSession}).
     */
    Changes commit(OfferAnswer oa, AnswerSession answers) {
        List<StreamBinding> added = new ArrayList<>();
        List<StreamBinding> updated = new ArrayList<>();
        List<StreamBinding> removed = new ArrayList<>();
        for (NegotiatedMedia nm : oa.media()) {
            StreamBinding old = byIndex.get(nm.index());
            Fresh f = fresh.remove(nm.index());
            if (nm.accepted() && f != null) {
                if (old != null && !old.closed) {
                    removed.add(old);
                }
                StreamBinding b = new StreamBinding(nm.index(), f.key(), f.receiver(), nm);
                b.keys = keysOf(answers, nm.index());
                b.sampleRate = outputRate(nm);
                byIndex.put(nm.index(), b);
                added.add(b);
            } else if (nm.accepted() && old != null && !old.closed) {
                old.negotiated = nm;
                old.keys = keysOf(answers, nm.index());
                updated.add(old);
            } else if (!nm.accepted() && old != null && !old.closed) {
                removed.add(old);
            }
            if (f != null && !nm.accepted()) {
                closeQuietly(f.receiver());
            }
        }
        for (StreamBinding r : removed) {
            r.closed = true;
            ended.add(r);
        }
        rollback(); // anything allocated for an index the answer did not use
        return new Changes(added, updated, removed);
    }

    private MediaKeys keysOf(AnswerSession answers, int index) {
        if (!(answers instanceof KeyedAnswerSession keyed)) {
            return null;
        }
        try {
            return keyed.mediaKeys(index).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("session {}: keys of m-line {} unavailable: {}", sessionId, index, e.toString());
            return null;
        }
    }

    private int outputRate(NegotiatedMedia nm) {
        try {
            return media.get().outputSampleRate(nm.codecs());
        } catch (RuntimeException e) {
            return StreamBinding.nominalRate(nm.primaryCodec().map(c -> c.encoding()).orElse(null));
        }
    }

    /** Closes what the last answer allocated (the answer was not sent). */
    void rollback() {
        for (Fresh f : fresh.values()) {
            usedKeys.remove(f.key());
            closeQuietly(f.receiver());
        }
        fresh.clear();
        allocationFailures = 0;
        capReached = false;
    }

    /** @return the current streams (open and closed ones still bound to an m-line), by m-line index. */
    List<StreamBinding> current() {
        return List.copyOf(byIndex.values());
    }

    /** @return every stream ever recorded in this session: current ones, then those replaced or removed. */
    List<StreamBinding> all() {
        List<StreamBinding> out = new ArrayList<>(byIndex.values());
        for (StreamBinding b : ended) {
            if (!out.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    StreamBinding byKey(String key) {
        for (StreamBinding b : all()) {
            if (b.key.equals(key)) {
                return b;
            }
        }
        return null;
    }

    /** Closes every receiver (flushing their buffers to the sinks); idempotent. */
    void closeAll() {
        rollback();
        for (StreamBinding b : all()) {
            b.closed = true;
            closeQuietly(b.receiver); // idempotent (MediaReceiver#close)
        }
    }

    static void closeQuietly(MediaReceiver r) {
        try {
            r.close();
        } catch (RuntimeException e) {
            LOG.warn("media receiver failed to close: {}", e.toString());
        }
    }

    /** Builds the media layer's settings from what was negotiated (without the signalling peer). */
    static StreamSettings settings(StreamBinding b) {
        return settings(b, null);
    }

    /**
     * Builds the media layer's settings from what was negotiated.
     *
     * @param signallingPeer where the session's SIP requests come from: the only source a stream behind NAT latches to
     */
    static StreamSettings settings(StreamBinding b, InetAddress signallingPeer) {
        NegotiatedMedia nm = b.negotiated;
        if (b.keys != null) { // the media layer takes its policy from the key exchange (at once, or after a handshake)
            return new StreamSettings(b.key, nm.codecs(), nm.receiving(), remote(nm.remote()), null, nm.ptime(), null,
                    remoteRtcp(nm.remote()), signallingPeer, b.keys);
        }
        return new StreamSettings(b.key, nm.codecs(), nm.receiving(), remote(nm.remote()),
                nm.srtp() == null ? null : nm.srtp().remotePolicy(), nm.ptime(), null, remoteRtcp(nm.remote()),
                signallingPeer);
    }

    /** The offer's RTCP address ({@code a=rtcp}, RFC 3605) when it is an IP literal; never resolves a name. */
    static InetSocketAddress remoteRtcp(RemoteEndpoint r) {
        if (r == null || r.rtcpAddress() == null || r.rtcpPort() <= 0) {
            return null;
        }
        InetAddress a = Cidr.address(r.rtcpAddress());
        return a == null || a.isAnyLocalAddress() ? null : new InetSocketAddress(a, r.rtcpPort());
    }

    /** The offer's RTP address when it is an IP literal and a usable port; never resolves a name. */
    static InetSocketAddress remote(RemoteEndpoint r) {
        if (r == null || r.rtpPort() <= 0 || r.address() == null) {
            return null;
        }
        InetAddress a = Cidr.address(r.address());
        if (a == null || a.isAnyLocalAddress()) {
            return null;
        }
        return new InetSocketAddress(a, r.rtpPort());
    }
}
