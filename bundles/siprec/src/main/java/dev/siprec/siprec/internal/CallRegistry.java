package dev.siprec.siprec.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The recording calls by server id and by dialog (Call-ID and the client's tag, RFC 3261 §12),
 * with the capacity limit applied atomically at registration.
 */
final class CallRegistry {

    /** Why a new call was not registered. */
    enum Refusal { NONE, MERGED, FULL }

    /** The outcome of {@link #register}: the call, or the refusal. */
    record Registration(RecordingCall call, Refusal refusal) {
    }

    private final SessionIds ids = new SessionIds();
    private final Map<String, RecordingCall> byId = new ConcurrentHashMap<>();
    private final Map<String, RecordingCall> byDialog = new ConcurrentHashMap<>();

    /**
     * @param factory builds the call for a fresh id
     * @return the registered call; {@link Refusal#MERGED} when a call with that Call-ID and tag exists
     *         (RFC 3261 §8.2.2.2), {@link Refusal#FULL} at {@code maxSessions}
     */
    synchronized Registration register(String callId, String remoteTag, int maxSessions, Instant now,
                                       Function<String, RecordingCall> factory) {
        if (byDialog.containsKey(key(callId, remoteTag))) {
            return new Registration(null, Refusal.MERGED);
        }
        if (byId.size() >= maxSessions) {
            return new Registration(null, Refusal.FULL);
        }
        String id = ids.next(now, callId, byId::containsKey);
        RecordingCall call = factory.apply(id);
        byId.put(id, call);
        byDialog.put(key(callId, remoteTag), call);
        return new Registration(call, Refusal.NONE);
    }

    RecordingCall byDialog(String callId, String remoteTag) {
        return byDialog.get(key(callId, remoteTag));
    }

    RecordingCall byId(String id) {
        return id == null ? null : byId.get(id);
    }

    Collection<RecordingCall> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    void remove(RecordingCall call) {
        byId.remove(call.id, call);
        byDialog.remove(key(call.callId, call.remoteTag), call);
    }

    private static String key(String callId, String remoteTag) {
        return callId + "\n" + (remoteTag == null ? "" : remoteTag);
    }
}
