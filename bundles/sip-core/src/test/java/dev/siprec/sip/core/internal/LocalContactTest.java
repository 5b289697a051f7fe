package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipHeader;

/** The Contact is built once, in the core, and handed to the session layer through ServerRequest.localContact(). */
class LocalContactTest {

    @Test
    void theSessionLayersContactIsTheCoresOwn() {
        CoreHarness c = new CoreHarness(new CoreSettings(TimerSettings.DEFAULTS, "ua", "srs.example.net", 1800, 90, 70, 100, 5, 1, 10, 100), true);
        AtomicReference<String> seen = new AtomicReference<>();
        c.handler.onInvite = r -> {
            seen.set(r.localContact());
            r.respond(new OutgoingResponse(200, null, List.of(new SipHeader("Contact", r.localContact() + ";+sip.srs")),
                    "application/sdp", SDP.getBytes(StandardCharsets.US_ASCII)));
        };
        c.receive(request("INVITE", c.nextBranch(), "lc", "ft", null, 1, SDP));
        assertEquals("<sip:srs.example.net:5060>", seen.get());
        assertEquals("<sip:srs.example.net:5060>;+sip.srs", c.last().header("Contact"));
        CoreHarness plain = new CoreHarness();
        plain.handler.onInvite = r -> {
            seen.set(r.localContact());
            r.respond(OutgoingResponse.of(486));
        };
        plain.receive(request("INVITE", plain.nextBranch(), "lc2", "ft", null, 1, SDP));
        assertEquals("<sip:127.0.0.1:5060>", seen.get());
    }
}
