package dev.siprec.siprec.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.StreamSummary;
import dev.siprec.recording.api.SessionDetails;
import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.recording.api.StreamState;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.SipResponse;
import dev.siprec.siprec.internal.metadata.MetadataException;
import dev.siprec.siprec.internal.metadata.MetadataState;

/**
 * One recording session (RFC 7866 §3): the SIP dialog with the recording client, the offer/answer
 * state, the received streams, the metadata versions and the sinks it is written to. Lifecycle:
 * {@code SETUP} while the recording INVITE is answered ({@link CallSetup}), {@code ACTIVE} once
 * answered, {@code ENDED} after {@link #finish(EndReason)}, which every path reaches exactly once:
 * receivers closed (flushed, keys wiped), sinks ended, answer keys wiped. All state is guarded by
 * this object's lock.
 */
final class RecordingCall {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingCall.class);
    private static final int MAX_NOTES = 32;

    enum Phase { SETUP, ACTIVE, ENDED }

    final String id;
    final String callId;
    final String remoteTag;
    final String transport;
    final String peer;
    /** The address of {@link #peer}: where the SIP requests come from, or {@code null} when unknown. */
    final java.net.InetAddress peerAddress;
    final Instant startedAt;
    final CallContext ctx;
    final StreamSet streams;
    final MetadataState metadata = new MetadataState();
    final Set<String> notes = new LinkedHashSet<>();
    /** Set while a periodic check of this call waits on the executor. */
    final java.util.concurrent.atomic.AtomicBoolean tickQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final Set<String> sentNotes = new java.util.HashSet<>();

    Phase phase = Phase.SETUP;
    AnswerSession answers;
    SinkFanout sinks;
    Dialog dialog;
    int metadataVersion;
    byte[] latestMetadata;
    String mappingNote;
    long lastSdpVersion = -1;
    /** Since when no open stream receives, or {@code null} while one does (see {@link #idle}). */
    private Instant idleSince;
    /** The recording INVITE's {@code Session-ID} (RFC 7989), or {@code null}. */
    String sipSessionId;
    final Rekeyer rekeyer;

    RecordingCall(String id, String callId, String remoteTag, String transport, String peer, CallContext ctx) {
        this.id = id;
        this.callId = callId;
        this.remoteTag = remoteTag;
        this.transport = transport;
        this.peer = peer;
        this.peerAddress = address(peer);
        this.ctx = ctx;
        this.startedAt = ctx.clock().instant();
        this.streams = new StreamSet(id, ctx::media);
        this.streams.maxStreams(ctx.settings().limits().maxStreams());
        this.rekeyer = new Rekeyer(this);
    }

    /** The address part of {@code host:port} or {@code [v6]:port}, when it is an IP literal. */
    static java.net.InetAddress address(String peer) {
        if (peer == null) {
            return null;
        }
        int close = peer.lastIndexOf(']');
        String host = peer.startsWith("[") && close > 0 ? peer.substring(1, close)
                : peer.indexOf(':') == peer.lastIndexOf(':') && peer.indexOf(':') > 0 ? peer.substring(0, peer.indexOf(':'))
                : peer;
        return Cidr.address(host);
    }

    synchronized Phase phase() {
        return phase;
    }

    void note(String note) {
        if (note != null && notes.size() < MAX_NOTES) {
            notes.add(note);
        }
        publishNotes();
    }

    /** Sends the sinks every note (the mapping note included) they have not had yet. */
    void publishNotes() {
        if (sinks == null || phase == Phase.ENDED) {
            return;
        }
        List<String> pending = new ArrayList<>();
        if (mappingNote != null) {
            pending.add(mappingNote);
        }
        pending.addAll(notes);
        for (String n : pending) {
            if (sentNotes.size() < 4 * MAX_NOTES && sentNotes.add(n)) {
                sinks.note(n);
            }
        }
    }

    /** Parses and applies one metadata body; the sinks get it when they exist. */
    void applyMetadata(byte[] body) throws MetadataException {
        metadata.apply(ctx.metadataParser().parse(body));
        metadataVersion++;
        latestMetadata = body.clone();
        if (metadata.truncated()) {
            note("metadata updates beyond " + MetadataState.MAX_ENTRIES + " elements per kind were not merged");
        }
    }

    /** Re-ties streams to metadata streams and keeps the mapping note current. */
    void remap() {
        mappingNote = StreamMapper.map(streams.current(), metadata.current());
        publishNotes();
    }

    /** @return the snapshot the sinks and listeners see. */
    synchronized RecordingSession snapshot() {
        List<MediaStream> ms = new ArrayList<>();
        for (StreamBinding b : streams.current()) {
            if (!b.closed) {
                ms.add(b.toMediaStream());
            }
        }
        String recordingId = metadata.current() == null ? null : metadata.current().recordingId();
        if (recordingId == null) {
            recordingId = sipSessionId;
        }
        return new RecordingSession(id, callId, recordingId, metadata.groupId(), metadata.sessionIds(), transport, peer,
                startedAt, metadata.participants(), ms, metadataVersion);
    }

    /** The client's BYE (RFC 3261 §15.1.2): the core has answered or will answer 200. */
    synchronized void byeReceived() {
        finish(EndReason.BYE);
    }

    /**
     * Ends the call from the server side: BYE (RFC 3261 §15.1.1), then finalization right away.
     *
     * @return the BYE's outcome, completed at once when there is no dialog
     */
    synchronized CompletionStage<SipResponse> hangUp(EndReason reason) {
        return hangUp(reason, 0, null);
    }

    /**
     * Ends the call from the server side with a {@code Reason} header (RFC 3326) in the BYE when
     * {@code text} is given, and the text as a note in the session's summary.
     *
     * @param cause the SIP status code the {@code Reason} names (e.g. 408, 507)
     */
    synchronized CompletionStage<SipResponse> hangUp(EndReason reason, int cause, String text) {
        CompletionStage<SipResponse> bye = CompletableFuture.completedFuture(null);
        if (text != null) {
            note(text);
        }
        if (phase == Phase.ACTIVE && dialog != null && dialog.state() != Dialog.State.TERMINATED) {
            try {
                bye = text == null ? dialog.bye() : dialog.bye(List.of(reasonHeader(cause, text)));
            } catch (RuntimeException e) {
                LOG.warn("session {}: BYE could not be sent: {}", id, e.toString());
            }
        }
        finish(reason);
        return bye;
    }

    /**
     * A sink reports that it cannot store the session (disk full): BYE with {@code Reason: SIP;cause=507}
     * and finalization as {@link EndReason#STORAGE_FAILURE}, off the sink's thread.
     */
    void storageFailed(String cause) {
        ctx.executor().execute(() -> {
            synchronized (this) {
                if (phase == Phase.ENDED) {
                    return;
                }
                LOG.error("session {}: recording storage failed ({}); ending the session", id, cause);
                hangUp(EndReason.STORAGE_FAILURE, 507, "recording storage failed: " + cause);
            }
        });
    }

    /** {@code Reason: SIP ;cause=N ;text="..."} (RFC 3326 §2), the text reduced to safe quoted-string characters. */
    static dev.siprec.sip.api.SipHeader reasonHeader(int cause, String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 120; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c > 0x7E ? ' ' : c);
        }
        return new dev.siprec.sip.api.SipHeader("Reason", "SIP;cause=" + cause + ";text=\"" + b + "\"");
    }

    /** The dialog ended without a BYE through the handler: session timer, transport loss, core stop. */
    synchronized void dialogTerminated(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        EndReason why = r.contains("session timer") || r.contains("session refresh") ? EndReason.SESSION_TIMER
                : r.contains("stopped") ? EndReason.SHUTDOWN
                : r.contains("bye") ? EndReason.SERVER_BYE : EndReason.ERROR;
        note("dialog ended: " + reason);
        finish(why);
    }

    /** Finalizes once: receivers closed (flushing into the sinks), sinks ended, keys wiped, listeners told. */
    synchronized void finish(EndReason reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        boolean wasStarted = phase == Phase.ACTIVE;
        RecordingSession last = snapshot();
        phase = Phase.ENDED;
        streams.closeAll();
        reportStatistics();
        if (sinks != null) {
            sinks.end(reason);
        }
        if (answers != null) {
            try {
                answers.close();
            } catch (RuntimeException e) {
                LOG.warn("session {}: answer session failed to close: {}", id, e.toString());
            }
        }
        rekeyer.close();
        LOG.info("recording session {} (Call-ID {}) ended: {}", id, callId, reason);
        ctx.ended(this, last, reason, wasStarted);
    }

    /** Periodic checks: media timeout and key lifetime (run by the component's timer). */
    synchronized void tick(Instant now) {
        if (phase != Phase.ACTIVE) {
            return;
        }
        SessionLimits limits = ctx.settings().limits();
        if (!limits.maxDuration().isZero() && Duration.between(startedAt, now).compareTo(limits.maxDuration()) >= 0) {
            LOG.info("session {}: maximum duration of {} s reached, ending it", id, limits.maxDuration().toSeconds());
            hangUp(EndReason.MAX_DURATION, 200, "maximum session duration of " + limits.maxDuration().toSeconds() + " s reached");
            return;
        }
        Duration timeout = ctx.settings().mediaTimeout();
        if (!timeout.isZero() && mediaSilentSince(now, timeout)) {
            LOG.info("session {}: no media for {} s, ending it", id, timeout.toSeconds());
            hangUp(EndReason.MEDIA_TIMEOUT, 408, "no media for " + timeout.toSeconds() + " s");
            return;
        }
        if (idle(now, limits.idleTimeout())) {
            LOG.info("session {}: no stream receiving for {} s, ending it", id, limits.idleTimeout().toSeconds());
            hangUp(EndReason.IDLE_TIMEOUT, 408, "no stream receiving for " + limits.idleTimeout().toSeconds() + " s");
            return;
        }
        rekeyer.check(now);
        reportStatistics();
    }

    /** Hands every stream's counters to the sinks (they go into session.json): each tick and at the end. */
    private void reportStatistics() {
        if (sinks == null) {
            return;
        }
        for (StreamBinding b : streams.all()) {
            StreamStatistics s = b.statistics();
            if (s == null) {
                continue;
            }
            KeyState k = b.keyState;
            KeyingInfo info = s.srtpSuite() == null ? null : k == null ? null : k.info();
            String keySource = s.srtpSuite() == null ? null
                    : k == null ? "sdes"
                    : k.source() == StreamKeyInfo.KeySource.HANDSHAKE ? info.source().toLowerCase(java.util.Locale.ROOT)
                    : "sdes-" + k.source().name().toLowerCase(java.util.Locale.ROOT);
            sinks.statistics(new StreamSummary(b.key, s.ssrcs(), s.srtpSuite(), keySource, s.received(), s.lost(), s.late(),
                    s.authFailed(), s.replayed(), s.refusedSource(), info == null ? null : info.source(),
                    info == null ? null : info.profile(), info == null ? null : info.role(),
                    info == null ? null : info.peerFingerprint()));
        }
    }

    /**
     * Tracks since when no open stream receives (all {@code inactive}/{@code sendonly} from the client's side,
     * or every stream removed); such a session never trips the media timeout.
     *
     * @return {@code true} when that has lasted {@code timeout} (never when it is zero)
     */
    private boolean idle(Instant now, Duration timeout) {
        boolean receiving = false;
        for (StreamBinding b : streams.current()) {
            if (!b.closed && b.receiving()) {
                receiving = true;
                break;
            }
        }
        if (receiving) {
            idleSince = null;
            return false;
        }
        if (idleSince == null) {
            idleSince = now;
        }
        return !timeout.isZero() && Duration.between(idleSince, now).compareTo(timeout) >= 0;
    }

    /** @return {@code true} when at least one stream should be receiving and none received for {@code timeout}. */
    private boolean mediaSilentSince(Instant now, Duration timeout) {
        boolean any = false;
        for (StreamBinding b : streams.current()) {
            if (!b.receiving()) {
                continue;
            }
            any = true;
            StreamStatistics s = b.statistics();
            Instant last = s == null || s.lastPacket() == null ? b.receivingSince : s.lastPacket();
            if (last != null && b.receivingSince != null && last.isBefore(b.receivingSince)) {
                last = b.receivingSince;
            }
            if (last == null || Duration.between(last, now).compareTo(timeout) < 0) {
                return false;
            }
        }
        return any;
    }

    synchronized SessionDetails details() {
        List<StreamState> states = new ArrayList<>();
        for (StreamBinding b : streams.all()) {
            StreamStatistics s = b.statistics();
            MediaStream m = b.toMediaStream();
            states.add(new StreamState(b.key, b.label(), b.index, m.codec(), m.srtpSuite(), b.receiving(),
                    s == null ? b.receiver.local().rtpPort() : s.rtpPort(), s == null ? null : s.latched(),
                    s == null ? 0 : s.received(), s == null ? 0 : s.lost(), s == null ? 0 : s.late(),
                    s == null ? 0 : s.authFailed(), s == null ? 0 : s.replayed(), s == null ? null : s.lastPacket()));
        }
        List<String> allNotes = new ArrayList<>();
        if (mappingNote != null) {
            allNotes.add(mappingNote);
        }
        allNotes.addAll(notes);
        return new SessionDetails(snapshot(), phase == Phase.SETUP ? SessionDetails.SETUP : SessionDetails.RECORDING,
                states, allNotes, latestMetadata == null ? null : new String(latestMetadata, StandardCharsets.UTF_8));
    }

    synchronized List<StreamKeyInfo> keys(Instant now) {
        List<StreamKeyInfo> out = new ArrayList<>();
        for (StreamBinding b : streams.current()) {
            KeyState k = b.keyState;
            if (b.closed || k == null) {
                continue;
            }
            KeyingInfo info = k.info();
            out.add(new StreamKeyInfo(id, b.key, k.currentSuite(), k.source(), k.installedAt(),
                    Duration.between(k.installedAt(), now).isNegative() ? Duration.ZERO : Duration.between(k.installedAt(), now),
                    k.packetsUnderKey(b.packets()), k.lifetimePackets(), k.mki(), rekeyer.pending(), info.source(),
                    info.profile(), info.role(), info.peerFingerprint()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RecordingCall[" + id + ", " + phase + "]";
    }
}
