package dev.siprec.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.codec.ParseResult;
import dev.siprec.sip.codec.ParsedMessage;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.ParsedResponse;
import dev.siprec.sip.codec.SipLimits;
import dev.siprec.sip.codec.SipParser;

/** A SIP engine on a fake UDP transport, a manual clock and an inline executor, with message helpers. */
class CoreHarness {

    static final String CLIENT = "127.0.0.1";
    static final int CLIENT_PORT = 5070;
    static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";

    /** Runs tasks on the calling thread: handler calls become synchronous and deterministic. */
    static final class Inline extends AbstractExecutorService {
        private volatile boolean shut;
        @Override public void shutdown() { shut = true; }
        @Override public List<Runnable> shutdownNow() { shut = true; return List.of(); }
        @Override public boolean isShutdown() { return shut; }
        @Override public boolean isTerminated() { return shut; }
        @Override public boolean awaitTermination(long t, TimeUnit u) { return true; }
        @Override public void execute(Runnable r) { r.run(); }
    }

    /** The test's request handler: answers per method with a configurable action. */
    final class Handler implements SipRequestHandler {
        final List<ServerRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> terminated = new CopyOnWriteArrayList<>();
        /** The admission check: refuses by returning a reason. */
        volatile java.util.function.Function<dev.siprec.sip.api.SipConnection, java.util.Optional<String>> admission =
                c -> java.util.Optional.empty();
        volatile Consumer<ServerRequest> onInvite = r -> r.respond(new OutgoingResponse(200, null, List.of(), "application/sdp",
                SDP.getBytes(StandardCharsets.US_ASCII)));

        @Override
        public void handle(ServerRequest request) {
            requests.add(request);
            switch (request.request().method()) {
                case "INVITE" -> onInvite.accept(request);
                default -> request.respond(OutgoingResponse.of(200));
            }
        }

        @Override
        public java.util.Optional<String> refusal(dev.siprec.sip.api.SipConnection flow) {
            return admission.apply(flow);
        }

        @Override
        public void dialogTerminated(Dialog dialog, String reason) {
            terminated.add(reason);
        }
    }

    final ManualTimers timers = new ManualTimers();
    final FakeTransport udp = new FakeTransport("default", false, 5060);
    final Handler handler = new Handler();
    final SipEngine engine;
    private final SipParser parser = new SipParser(SipLimits.defaults());
    private int branch;

    CoreHarness() {
        this(CoreSettings.defaults(), true);
    }

    CoreHarness(CoreSettings settings, boolean withHandler) {
        this(settings, withHandler, HostResolver.SYSTEM);
    }

    CoreHarness(CoreSettings settings, boolean withHandler, HostResolver resolver) {
        engine = new SipEngine(settings, timers, new Inline(), resolver);
        engine.attach(udp);
        if (withHandler) {
            engine.handlers.add(handler, Map.of(SipRequestHandler.OPTION_TAGS, new String[] {"siprec", "timer"},
                    SipRequestHandler.METHODS, new String[] {"INVITE", "BYE", "INFO", "UPDATE"},
                    SipRequestHandler.ACCEPT, new String[] {"application/sdp", "multipart/mixed"},
                    "service.id", 1L));
        }
    }

    String nextBranch() {
        return "z9hG4bKtest" + (++branch);
    }

    /** A request text; {@code extra} are full header lines. */
    static String request(String method, String branch, String callId, String fromTag, String toTag, long cseq,
                          String body, String... extra) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(" sip:srs@127.0.0.1:5060 SIP/2.0\r\n");
        sb.append("Via: SIP/2.0/UDP ").append(CLIENT).append(':').append(CLIENT_PORT).append(";branch=").append(branch).append("\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("From: <sip:src@127.0.0.1>;tag=").append(fromTag).append("\r\n");
        sb.append("To: <sip:srs@127.0.0.1>").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append(' ').append(method.equals("ACK") && cseq < 0 ? "ACK" : method).append("\r\n");
        sb.append("Contact: <sip:src@127.0.0.1:5070>\r\n");
        for (String e : extra) {
            sb.append(e).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Type: application/sdp\r\n");
            sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.US_ASCII).length).append("\r\n\r\n").append(body);
        } else {
            sb.append("Content-Length: 0\r\n\r\n");
        }
        return sb.toString();
    }

    void receive(String text) {
        udp.receive(CLIENT, CLIENT_PORT, text);
    }

    ParsedMessage parse(byte[] bytes) {
        ParseResult r = parser.parse(bytes);
        if (r instanceof ParseResult.Success s) {
            return (ParsedMessage) s.message();
        }
        fail("core sent an unparseable message: " + r + "\n" + new String(bytes, StandardCharsets.UTF_8));
        return null;
    }

    /** @return every response sent so far, parsed. */
    List<ParsedResponse> responses() {
        List<ParsedResponse> out = new ArrayList<>();
        for (FakeTransport.Sent s : udp.sent) {
            if (parse(s.bytes()) instanceof ParsedResponse r) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return every request the core sent, parsed. */
    List<ParsedRequest> requestsSent() {
        List<ParsedRequest> out = new ArrayList<>();
        for (FakeTransport.Sent s : udp.sent) {
            if (parse(s.bytes()) instanceof ParsedRequest r) {
                out.add(r);
            }
        }
        return out;
    }

    List<Integer> statuses() {
        return responses().stream().map(ParsedResponse::statusCode).toList();
    }

    ParsedResponse last() {
        List<ParsedResponse> r = responses();
        assertTrue(!r.isEmpty(), "no response sent");
        return r.get(r.size() - 1);
    }

    /** Establishes a dialog with an INVITE/200/ACK; @return the To tag of the 200. */
    String establish(String callId, String... extra) {
        String b = nextBranch();
        receive(request("INVITE", b, callId, "ft-" + callId, null, 1, SDP, extra));
        ParsedResponse ok = last();
        if (ok.statusCode() != 200) {
            fail("INVITE answered " + ok.statusCode());
        }
        String tag = ok.toTag();
        receive(request("ACK", nextBranch(), callId, "ft-" + callId, tag, 1, null));
        return tag;
    }

    static List<String> tokens(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                out.add(s.trim());
            }
        }
        Collections.sort(out);
        return out;
    }

    static SipHeader h(String n, String v) {
        return new SipHeader(n, v);
    }
}
