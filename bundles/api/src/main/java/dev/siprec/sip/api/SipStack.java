package dev.siprec.sip.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The SIP core as operators and the session logic see it. */
@ProviderType
public interface SipStack {

    /** @return the transports currently attached, one per listener. */
    List<SipTransport> transports();

    /** @return the dialogs that are not terminated. */
    Collection<Dialog> dialogs();

    /** @return the dialog with {@link Dialog#id()} {@code id}. */
    Optional<Dialog> dialog(String id);

    /**
     * Draining: new INVITEs and out-of-dialog OPTIONS are answered {@code 503} with
     * {@code Retry-After}, in-dialog requests go on, so that the server can be taken out of a
     * load-balanced pool gracefully.
     */
    void setDraining(boolean draining);

    /** @return whether the stack is draining. */
    boolean isDraining();
}
