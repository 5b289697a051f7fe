package dev.siprec.sip.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A SIP dialog in which the server is the UAS of the initial INVITE (RFC 3261 §12). Lives in the
 * SIP core; the recording session keeps a reference to send BYE, re-INVITE or UPDATE.
 */
@ProviderType
public interface Dialog {

    /** Dialog states (RFC 3261 §12; early dialogs are not exposed). */
    enum State {
        /** Confirmed: 2xx sent (the ACK may still be outstanding). */
        CONFIRMED,
        /** BYE sent or received, or the dialog ended otherwise. */
        TERMINATED
    }

    /** @return a stable, unique identifier (Call-ID, local tag and remote tag combined). */
    String id();

    /** @return the Call-ID. */
    String callId();

    /** @return the server's tag (the To tag of the initial INVITE's 2xx). */
    String localTag();

    /** @return the recording client's tag. */
    String remoteTag();

    /** @return the current state. */
    State state();

    /** @return the flow in-dialog requests are sent on (the client's connection where it is still open). */
    SipConnection connection();

    /**
     * Sends an in-dialog request (BYE, re-INVITE, UPDATE, INFO, OPTIONS) through a client transaction
     * (RFC 3261 §17.1). The stage completes with the final response, or exceptionally on timeout
     * (Timer B/F) or transport failure; an ACK for a 2xx to re-INVITE is sent by the core.
     *
     * @param method request method
     * @param headers extra headers (the core fills the dialog's From/To/Call-ID/CSeq/Route/Via/Contact)
     * @param contentType body media type, or {@code null} without a body
     * @param body body bytes, may be empty
     */
    CompletionStage<SipResponse> sendRequest(String method, List<SipHeader> headers, String contentType, byte[] body);

    /** Ends the dialog by sending BYE (RFC 3261 §15.1.1); a no-op if already terminated. */
    CompletionStage<SipResponse> bye();

    /**
     * Ends the dialog by sending BYE with extra headers, e.g. a {@code Reason} (RFC 3326) saying why the
     * server ends the session; a no-op if already terminated. Without an override, the headers are dropped.
     *
     * @since 0.2.0
     */
    default CompletionStage<SipResponse> bye(List<SipHeader> headers) {
        return bye();
    }

    /**
     * @return every deviation from RFC 3261 the core accepted in this dialog's requests so far (the
     *         initial INVITE's included: an ACK or BYE without To tag matched by Call-ID and From
     *         tag, a BYE with a lower CSeq, an ACK whose CSeq names INVITE...), one note per kind,
     *         in order, bounded; the session layer may record them
     */
    default List<String> tolerated() {
        return List.of();
    }
}
