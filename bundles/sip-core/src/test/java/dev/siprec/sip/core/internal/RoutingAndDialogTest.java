package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.api.SipResponse;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.ParsedResponse;
import dev.siprec.sip.codec.SipMessageBuilder;
import dev.siprec.sip.codec.Via;

/** received/rport (RFC 3581, RFC 3261 §18.2.2), RFC 2543 matching, in-dialog requests of the server, transports going away. */
class RoutingAndDialogTest {

    private final CoreHarness c = new CoreHarness();

    @Test
    void receivedAndRportAreFilledAndTheResponseGoesToTheSource() {
        String req = request("OPTIONS", c.nextBranch(), "r1", "ft", null, 1, null)
                .replace("Via: SIP/2.0/UDP 127.0.0.1:5070;", "Via: SIP/2.0/UDP client.invalid:5999;rport;");
        c.udp.receive("127.0.0.1", 40000, req);
        FakeTransport.Sent sent = c.udp.sent.get(0);
        assertEquals(new InetSocketAddress("127.0.0.1", 40000), sent.to(), "rport: back to the source port");
        Via via = Via.parse(c.last().topVia());
        assertEquals("127.0.0.1", via.received());
        assertEquals(40000, via.rport().getAsInt());
    }

    @Test
    void withoutRportTheResponseGoesToTheSentByPort() {
        String req = request("OPTIONS", c.nextBranch(), "r2", "ft", null, 1, null)
                .replace("Via: SIP/2.0/UDP 127.0.0.1:5070;", "Via: SIP/2.0/UDP 10.9.9.9:5999;");
        c.udp.receive("127.0.0.1", 40001, req);
        assertEquals(new InetSocketAddress("127.0.0.1", 5999), c.udp.sent.get(0).to(), "§18.2.2: received address, sent-by port");
        Via via = Via.parse(c.last().topVia());
        assertEquals("127.0.0.1", via.received());
        assertTrue(via.rport().isEmpty());
    }

    @Test
    void sameHostGetsNoReceived() {
        c.receive(request("OPTIONS", c.nextBranch(), "r3", "ft", null, 1, null));
        assertNull(Via.parse(c.last().topVia()).received());
        assertEquals(new InetSocketAddress("127.0.0.1", 5070), c.udp.sent.get(0).to());
    }

    @Test
    void rfc2543RequestsMatchByIdentity() {
        String invite = request("INVITE", "oldstyle1", "r4", "ft", null, 1, SDP);
        c.handler.onInvite = r -> r.respond(dev.siprec.sip.api.OutgoingResponse.of(486));
        c.receive(invite);
        c.receive(invite);
        assertEquals(List.of(100, 486, 486), c.statuses(), "retransmission matched without magic cookie");
        String tag = c.last().toTag();
        c.receive(request("ACK", "oldstyle1", "r4", "ft", tag, 1, null));
        c.timers.advance(10_000);
        assertEquals(3, c.statuses().size(), "ACK matched the INVITE transaction: no Timer G");
        assertEquals(1, c.handler.requests.size());
    }

    @Test
    void serverSendsByeThroughAClientTransaction() throws Exception {
        String tag = c.establish("d1", "Record-Route: <sip:127.0.0.1:5080;lr>");
        Dialog d = c.engine.dialogs().find("d1", tag, "ft-d1");
        CompletableFuture<SipResponse> f = d.bye().toCompletableFuture();
        assertEquals(Dialog.State.TERMINATED, d.state());
        ParsedRequest bye = c.requestsSent().get(0);
        assertEquals("BYE", bye.method());
        assertEquals("sip:src@127.0.0.1:5070", bye.requestUri(), "loose routing keeps the remote target");
        assertEquals("<sip:127.0.0.1:5080;lr>", bye.header("Route"));
        assertEquals(new InetSocketAddress("127.0.0.1", 5070), c.udp.sent.get(c.udp.sent.size() - 1).to(),
                "route.to.contact=false: back to where the dialog's requests came from");
        assertTrue(bye.cseq() > 1);
        assertTrue(Via.parse(bye.topVia()).hasRport());
        c.timers.advance(500);
        assertEquals(2, c.requestsSent().size(), "Timer E retransmission");
        c.receive(new String(SipMessageBuilder.responseTo(bye, 200, "OK").encode(), StandardCharsets.UTF_8));
        assertEquals(200, f.get().statusCode());
        assertTrue(d.bye().toCompletableFuture().isDone(), "a second bye is a no-op");
    }

    @Test
    void withRouteToContactTheByeGoesToTheFirstRoute() {
        CoreHarness open = new CoreHarness(CoreSettings.defaults().with(CoreSettings.RefusedResponse.FORBIDDEN, true, 2000, 60,
                CoreSettings.MAX_RETAINED_BYTES), true);
        String tag = open.establish("d1o", "Record-Route: <sip:127.0.0.1:5080;lr>");
        open.engine.dialogs().find("d1o", tag, "ft-d1o").bye();
        assertEquals(new InetSocketAddress("127.0.0.1", 5080), open.udp.sent.get(open.udp.sent.size() - 1).to(), "to the first route");
    }

    @Test
    void requestTimeoutCompletesExceptionallyAndEndsTheDialog() {
        String tag = c.establish("d2");
        Dialog d = c.engine.dialogs().find("d2", tag, "ft-d2");
        CompletableFuture<SipResponse> f = d.sendRequest("INFO", List.of(CoreHarness.h("Info-Package", "x")), null, null).toCompletableFuture();
        c.timers.advance(32_000);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        assertTrue(e.getCause() instanceof TimeoutException);
        assertEquals(Dialog.State.TERMINATED, d.state());
        assertEquals(1, c.handler.terminated.size());
    }

    /** For the stream transports' max.idle.without.dialog.seconds: the core says which flows carry a dialog. */
    @Test
    void theCoreTellsWhichFlowCarriesADialog() {
        FakeTransport other = new FakeTransport("second", false, 5062);
        c.engine.attach(other);
        var flow = c.udp.connection(new InetSocketAddress("127.0.0.1", 5070)).orElseThrow();
        assertFalse(c.engine.carriesDialog(flow), "no dialog yet");
        String tag = c.establish("d5");
        assertTrue(c.engine.carriesDialog(flow));
        assertFalse(c.engine.carriesDialog(c.udp.connection(new InetSocketAddress("127.0.0.1", 5071)).orElseThrow()),
                "another peer");
        assertFalse(c.engine.carriesDialog(other.connection(new InetSocketAddress("127.0.0.1", 5070)).orElseThrow()),
                "the same peer on another transport");
        c.engine.dialogs().find("d5", tag, "ft-d5").bye();
        assertFalse(c.engine.carriesDialog(flow), "the dialog ended");
    }

    @Test
    void removingATransportDropsOnlyItsDialogs() {
        FakeTransport other = new FakeTransport("second", false, 5062);
        c.engine.attach(other);
        c.establish("d3");
        String b = "z9hG4bKother";
        other.receive("127.0.0.1", 5070, request("INVITE", b, "d4", "ft", null, 1, SDP));
        assertEquals(2, c.engine.dialogs().size());
        c.engine.detach(c.udp);
        assertEquals(1, c.engine.dialogs().size());
        assertEquals("d4", c.engine.dialogs().all().iterator().next().callId());
        assertNull(c.udp.inbound);
        assertSame(c.engine, other.inbound);
        assertEquals(1, c.handler.terminated.size());
        assertFalse(c.engine.transports().contains(c.udp));
    }

    @Test
    void highestRankedHandlerTakesRequestsAndTagsAreUnited() {
        CoreHarness h = new CoreHarness(CoreSettings.defaults(), false);
        SipRequestHandler low = r -> r.respond(dev.siprec.sip.api.OutgoingResponse.of(486));
        SipRequestHandler high = r -> r.respond(dev.siprec.sip.api.OutgoingResponse.of(480));
        h.engine.handlers.add(low, Map.of("service.ranking", 1, "service.id", 1L, SipRequestHandler.OPTION_TAGS, "foo", SipRequestHandler.METHODS, "INVITE"));
        h.engine.handlers.add(high, Map.of("service.ranking", 5, "service.id", 2L, SipRequestHandler.OPTION_TAGS, List.of("bar"), SipRequestHandler.METHODS, "INVITE"));
        h.receive(request("INVITE", h.nextBranch(), "hr", "ft", null, 1, SDP, "Require: foo, bar"));
        assertEquals(480, h.last().statusCode());
        h.engine.handlers.remove(high);
        h.receive(request("INVITE", h.nextBranch(), "hr2", "ft", null, 1, SDP));
        assertEquals(486, h.last().statusCode());
    }

    @Test
    void inDialogRequestCarriesTheDialog() {
        String tag = c.establish("d5");
        c.receive(request("INFO", c.nextBranch(), "d5", "ft-d5", tag, 2, null));
        ServerRequest info = c.handler.requests.get(1);
        assertEquals("d5", info.dialog().orElseThrow().callId());
        ParsedResponse ok = c.last();
        assertEquals(tag, ok.toTag());
    }
}
