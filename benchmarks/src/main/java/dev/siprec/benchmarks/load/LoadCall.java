package dev.siprec.benchmarks.load;

import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/** One call's signalling state, owned by the {@link SipAgent} thread (RFC 3261 §17.1 client transactions). */
final class LoadCall {
    enum State { CALLING, PROCEEDING, CONFIRMED, BYE_SENT, DONE, FAILED }

    final int index;
    final String callId;
    final String fromTag;
    final String inviteBranch;
    final DatagramChannel[] channels;
    final byte[][] keys;
    byte[] invite;
    State state = State.CALLING;
    long sentAt;
    long answeredAt;
    /** Next retransmission of the pending request (INVITE or BYE), or 0. */
    long retransmitAt;
    long retransmitInterval;
    /** Timer B / F: the transaction times out at this instant. */
    long deadline;
    /** When to send the BYE (the last packet of both streams is sent by then). */
    long byeAt;
    String to;
    String remoteTarget;
    byte[] ack;
    byte[] bye;
    MediaStream[] streams;
    /** Final status of the INVITE (or -1 for a timeout) when it failed, else 0. */
    int failure;
    /** Final status of the BYE, -1 for a timeout; 0 before. */
    int byeStatus;
    boolean endedByServer;

    LoadCall(int index, String callId, String fromTag, String inviteBranch, DatagramChannel[] channels, byte[][] keys) {
        this.index = index;
        this.callId = callId;
        this.fromTag = fromTag;
        this.inviteBranch = inviteBranch;
        this.channels = channels;
        this.keys = keys;
    }

    boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    /** Wipes the master keys once the SRTP senders hold their own copies (or the call failed). */
    void wipeKeys() {
        for (byte[] k : keys) {
            Arrays.fill(k, (byte) 0);
        }
    }

    void stopMedia() {
        if (streams != null) {
            for (MediaStream s : streams) {
                s.stopped = true;
            }
        }
    }
}
