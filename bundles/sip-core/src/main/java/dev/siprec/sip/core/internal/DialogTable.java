package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipTransport;

/** The confirmed dialogs by id (Call-ID, local tag, remote tag; RFC 3261 §12). */
final class DialogTable {

    private final Map<String, SipDialog> dialogs = new ConcurrentHashMap<>();
    /** Call-ID and remote tag to the dialogs with them (for requests that lack our To tag). */
    private final Map<String, List<SipDialog>> byRemote = new ConcurrentHashMap<>();

    void add(SipDialog d) {
        dialogs.put(d.id(), d);
        byRemote.compute(remoteKey(d.callId(), d.remoteTag()), (k, v) -> {
            List<SipDialog> l = v == null ? new ArrayList<>(1) : new ArrayList<>(v);
            l.add(d);
            return List.copyOf(l);
        });
    }

    void remove(SipDialog d) {
        dialogs.remove(d.id(), d);
        byRemote.computeIfPresent(remoteKey(d.callId(), d.remoteTag()), (k, v) -> {
            List<SipDialog> l = new ArrayList<>(v);
            l.remove(d);
            return l.isEmpty() ? null : List.copyOf(l);
        });
    }

    private static String remoteKey(String callId, String remoteTag) {
        return callId + ";" + (remoteTag == null ? "" : remoteTag);
    }

    /**
     * For an ACK or BYE that lacks our To tag: the one dialog with this Call-ID and From tag.
     *
     * @return the dialog, or {@code null} when none or more than one match (ambiguous: the RFC answer stands)
     */
    SipDialog unique(String callId, String remoteTag) {
        if (callId == null || remoteTag == null) {
            return null;
        }
        List<SipDialog> l = byRemote.get(remoteKey(callId, remoteTag));
        return l != null && l.size() == 1 ? l.get(0) : null;
    }

    /** §12.2.2: matches an in-dialog request by Call-ID, To tag (ours) and From tag (theirs). */
    SipDialog find(String callId, String localTag, String remoteTag) {
        if (callId == null || localTag == null) {
            return null;
        }
        return dialogs.get(SipDialog.key(callId, localTag, remoteTag == null ? "" : remoteTag));
    }

    Optional<Dialog> byId(String id) {
        return Optional.ofNullable(dialogs.get(id));
    }

    Collection<Dialog> all() {
        return List.copyOf(dialogs.values());
    }

    int size() {
        return dialogs.size();
    }

    /** @return the dialogs whose flow belongs to {@code transport}. */
    List<SipDialog> on(SipTransport transport) {
        List<SipDialog> out = new ArrayList<>();
        for (SipDialog d : dialogs.values()) {
            if (d.connection() != null && d.connection().transport() == transport) {
                out.add(d);
            }
        }
        return out;
    }

    /** @return whether a dialog's flow is {@code c} (the same object, or the same transport and remote address) */
    boolean carries(SipConnection c) {
        for (SipDialog d : dialogs.values()) {
            SipConnection f = d.connection();
            if (f == c || f != null && f.transport() == c.transport() && f.remote() != null && f.remote().equals(c.remote())) {
                return true;
            }
        }
        return false;
    }

    List<SipDialog> snapshot() {
        return new ArrayList<>(dialogs.values());
    }
}
