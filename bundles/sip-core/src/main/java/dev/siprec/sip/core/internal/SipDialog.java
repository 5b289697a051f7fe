package dev.siprec.sip.core.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipResponse;

/**
 * A dialog in which the server is the UAS of the initial INVITE (RFC 3261 §12.1.1): the identity,
 * the route set from Record-Route, the remote target from Contact, the local and remote sequence
 * numbers (§12.2), the flow requests go out on, the session timer (RFC 4028), and the pending-INVITE
 * bookkeeping used for 491/500 (§14.2). Mutable fields are guarded by the dialog's monitor.
 */
final class SipDialog implements Dialog {

    /** Sends in-dialog requests for a dialog: implemented by the core's client side. */
    interface Client {
        CompletionStage<SipResponse> send(SipDialog dialog, String method, List<SipHeader> headers, String contentType, byte[] body);

        /** Ends the dialog locally (BYE sent or received, timer, transport loss). */
        void terminated(SipDialog dialog, String reason, boolean notifyHandler);
    }

    private final String id;
    private final String callId;
    private final String localTag;
    private final String remoteTag;
    private final String localUri;
    private final String remoteUri;
    private final List<String> routeSet;
    private final Client client;
    private final String localHost;
    private volatile State state = State.CONFIRMED;
    private volatile SipConnection flow;
    private String remoteTarget;
    private long localCseq = 1;
    private long remoteCseq;
    private ServerInviteTransaction inviteAwaitingAck;
    private long inviteAwaitingAckCseq = -1;
    private boolean incomingInvitePending;
    private boolean outgoingInvitePending;
    private String localBodyType;
    private byte[] localBody;
    private boolean remoteAllowsUpdate;
    private SessionTimer sessionTimer;
    private final java.util.Set<String> tolerated = new java.util.LinkedHashSet<>();
    /** Notes kept per dialog at most (one per kind of deviation, so a handful in practice). */
    static final int MAX_TOLERATED = 16;

    SipDialog(String callId, String localTag, String remoteTag, String localUri, String remoteUri, String remoteTarget,
              List<String> routeSet, long remoteCseq, SipConnection flow, String localHost, Client client) {
        this.id = callId + ";" + localTag + ";" + remoteTag;
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.remoteTarget = remoteTarget;
        this.routeSet = List.copyOf(routeSet);
        this.remoteCseq = remoteCseq;
        this.flow = flow;
        this.localHost = localHost;
        this.client = client;
    }

    /** The key dialogs are looked up by (§12: Call-ID, local tag, remote tag). */
    static String key(String callId, String localTag, String remoteTag) {
        return callId + ";" + localTag + ";" + remoteTag;
    }

    @Override public String id() { return id; }
    @Override public String callId() { return callId; }
    @Override public String localTag() { return localTag; }
    @Override public String remoteTag() { return remoteTag; }
    @Override public State state() { return state; }
    @Override public SipConnection connection() { return flow; }

    String localUri() { return localUri; }

    /** @return how the client addressed the server (our host in Via and Contact of requests we send). */
    String localHost() { return localHost; }
    String remoteUri() { return remoteUri; }
    List<String> routeSet() { return routeSet; }

    synchronized String remoteTarget() {
        return remoteTarget;
    }

    /** §12.2.2: a target refresh request (re-INVITE, UPDATE) may carry a new Contact. */
    synchronized void remoteTarget(String target) {
        if (target != null && !target.isEmpty()) {
            remoteTarget = target;
        }
    }

    void flow(SipConnection f) {
        this.flow = f;
    }

    synchronized long nextLocalCseq() {
        return ++localCseq;
    }

    /**
     * §12.2.2: a request with a lower CSeq than the last one is out of order (500); a higher one
     * becomes the new remote sequence number.
     *
     * @return whether the request is in order
     */
    synchronized boolean acceptRemoteCseq(long cseq) {
        if (cseq < remoteCseq) {
            return false;
        }
        remoteCseq = cseq;
        return true;
    }

    synchronized void awaitAck(ServerInviteTransaction tx, long cseq) {
        inviteAwaitingAck = tx;
        inviteAwaitingAckCseq = cseq;
    }

    synchronized boolean awaitsAckFrom(ServerInviteTransaction tx) {
        return inviteAwaitingAck == tx;
    }

    /** The dialog ended before the ACK came: stop retransmitting the 2xx. */
    void stopAwaitingAck() {
        ServerInviteTransaction tx;
        synchronized (this) {
            tx = inviteAwaitingAck;
            inviteAwaitingAck = null;
        }
        if (tx != null) {
            tx.ackFor2xxReceived();
        }
    }

    /** §13.3.1.4: the ACK for our 2xx arrived; stops its retransmission. */
    void ackReceived(long cseq) {
        ServerInviteTransaction tx;
        synchronized (this) {
            tx = cseq == inviteAwaitingAckCseq ? inviteAwaitingAck : null;
            inviteAwaitingAck = null;
        }
        if (tx != null) {
            tx.ackFor2xxReceived();
        }
    }

    /** @return {@code false} when an incoming INVITE is already pending (the new one gets 500, §14.2). */
    synchronized boolean beginIncomingInvite() {
        if (incomingInvitePending) {
            return false;
        }
        incomingInvitePending = true;
        return true;
    }

    synchronized void endIncomingInvite() {
        incomingInvitePending = false;
    }

    /** @return whether an INVITE sent by the server is still pending (an incoming one gets 491, §14.2). */
    synchronized boolean outgoingInvitePending() {
        return outgoingInvitePending;
    }

    synchronized boolean beginOutgoingInvite() {
        if (outgoingInvitePending || incomingInvitePending) {
            return false;
        }
        outgoingInvitePending = true;
        return true;
    }

    synchronized void endOutgoingInvite() {
        outgoingInvitePending = false;
    }

    /** Keeps the session description of our last 2xx: a refreshing re-INVITE offers it unchanged (RFC 4028 §7.4). */
    synchronized void localBody(String type, byte[] body) {
        if (body != null && body.length > 0) {
            localBodyType = type;
            localBody = body.clone();
        }
    }

    synchronized String localBodyType() {
        return localBodyType;
    }

    synchronized byte[] localBody() {
        return localBody == null ? new byte[0] : localBody.clone();
    }

    synchronized void remoteAllowsUpdate(boolean allows) {
        remoteAllowsUpdate = allows;
    }

    synchronized boolean remoteAllowsUpdate() {
        return remoteAllowsUpdate;
    }

    synchronized SessionTimer sessionTimer() {
        return sessionTimer;
    }

    synchronized void sessionTimer(SessionTimer timer) {
        if (sessionTimer != null && sessionTimer != timer) {
            sessionTimer.stop();
        }
        sessionTimer = timer;
    }

    /**
     * Records a deviation accepted in this dialog's requests.
     *
     * @return whether it is new for this dialog (then the caller logs it: once per dialog)
     */
    synchronized boolean tolerate(String note) {
        return tolerated.size() < MAX_TOLERATED && tolerated.add(note);
    }

    @Override
    public synchronized List<String> tolerated() {
        return List.copyOf(tolerated);
    }

    /** Moves to TERMINATED; @return whether this call did it. */
    boolean markTerminated() {
        SessionTimer st;
        synchronized (this) {
            if (state == State.TERMINATED) {
                return false;
            }
            state = State.TERMINATED;
            st = sessionTimer;
        }
        if (st != null) {
            st.stop();
        }
        return true;
    }

    @Override
    public CompletionStage<SipResponse> sendRequest(String method, List<SipHeader> headers, String contentType, byte[] body) {
        if (state == State.TERMINATED && !"BYE".equals(method)) {
            return CompletableFuture.failedFuture(new IllegalStateException("dialog " + id + " is terminated"));
        }
        return client.send(this, method, headers, contentType, body);
    }

    @Override
    public CompletionStage<SipResponse> bye() {
        return bye(List.of());
    }

    @Override
    public CompletionStage<SipResponse> bye(List<SipHeader> headers) {
        if (state == State.TERMINATED) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<SipResponse> r = client.send(this, "BYE", List.copyOf(headers), null, null);
        client.terminated(this, "BYE sent", false);
        return r;
    }

    @Override
    public String toString() {
        return "Dialog[" + callId + ", " + state + "]";
    }
}
