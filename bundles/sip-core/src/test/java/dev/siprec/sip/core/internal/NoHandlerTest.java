package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.SipRequestHandler;

/**
 * While no request handler is registered (the server is starting, or its session bundle is
 * stopped), a recording INVITE gets 503 with Retry-After, never 420 for the siprec option tag or
 * 415 for its multipart body, and OPTIONS tells a load balancer's probe the same.
 */
class NoHandlerTest {

    @Test
    void withoutAHandlerInvitesAndProbesGet503AndAHandlerOpensTheNode() {
        CoreHarness c = new CoreHarness(CoreSettings.defaults(), false);
        c.receive(request("OPTIONS", c.nextBranch(), "ping-0", "p", null, 1, null));
        assertEquals(503, c.last().statusCode());
        assertEquals(UasDispatcher.NO_HANDLER, c.last().reasonPhrase());
        assertEquals(Integer.toString(CoreSettings.defaults().retryAfter()), c.last().header("Retry-After"));

        c.receive(request("INVITE", c.nextBranch(), "call-0", "ft", null, 1, SDP, "Require: siprec"));
        assertEquals(503, c.last().statusCode(), "not 420: the option tag is the handler's, and it is not there yet");
        assertEquals(UasDispatcher.NO_HANDLER, c.last().reasonPhrase());
        assertEquals(Integer.toString(CoreSettings.defaults().retryAfter()), c.last().header("Retry-After"));

        c.engine.handlers.add(c.handler, Map.of(SipRequestHandler.OPTION_TAGS, new String[] {"siprec"},
                SipRequestHandler.METHODS, new String[] {"INVITE", "BYE"},
                SipRequestHandler.ACCEPT, new String[] {"application/sdp", "multipart/mixed"}, "service.id", 7L));
        c.receive(request("OPTIONS", c.nextBranch(), "ping-1", "p", null, 1, null));
        assertEquals(200, c.last().statusCode());
        c.receive(request("INVITE", c.nextBranch(), "call-1", "ft", null, 1, SDP, "Require: siprec"));
        assertEquals(200, c.last().statusCode());
    }
}
