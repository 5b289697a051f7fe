package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipRequestHandler;

/** Issue 11: a handler that promises not to block ({@code sip.handler.inline}) is called on the transport's thread. */
class InlineHandlerTest {

    /** Counts the tasks handed to the handler executor, and runs them on the calling thread. */
    private static final class CountingExecutor extends java.util.concurrent.AbstractExecutorService {
        final AtomicInteger tasks = new AtomicInteger();
        @Override public void shutdown() { }
        @Override public List<Runnable> shutdownNow() { return List.of(); }
        @Override public boolean isShutdown() { return false; }
        @Override public boolean isTerminated() { return false; }
        @Override public boolean awaitTermination(long t, java.util.concurrent.TimeUnit u) { return true; }
        @Override public void execute(Runnable r) {
            tasks.incrementAndGet();
            r.run();
        }
    }

    private final CountingExecutor executor = new CountingExecutor();
    private final FakeTransport udp = new FakeTransport("default", false, 5060);
    private final SipEngine engine = new SipEngine(CoreSettings.defaults(), new ManualTimers(), executor, HostResolver.SYSTEM);
    private final List<Thread> handledOn = new CopyOnWriteArrayList<>();

    InlineHandlerTest() {
        engine.attach(udp);
    }

    private SipRequestHandler answering(int status) {
        return r -> {
            handledOn.add(Thread.currentThread());
            r.respond(OutgoingResponse.of(status));
        };
    }

    private void invite(String callId) {
        udp.receive(CoreHarness.CLIENT, CoreHarness.CLIENT_PORT, request("INVITE", "z9hG4bK" + callId, callId, "ft", null, 1, SDP));
    }

    private String lastSent() {
        List<String> texts = udp.sentTexts();
        return texts.get(texts.size() - 1);
    }

    @Test
    void inlineHandlerRunsOnTheReceivingThreadWithoutTheExecutor() {
        engine.handlers.add(answering(486), Map.of(SipRequestHandler.METHODS, "INVITE", "service.id", 1L,
                HandlerRegistry.INLINE, Boolean.TRUE));
        invite("in1");
        assertEquals(1, handledOn.size());
        assertSame(Thread.currentThread(), handledOn.get(0));
        assertEquals(0, executor.tasks.get());
        assertTrue(lastSent().startsWith("SIP/2.0 486 "), lastSent());
    }

    @Test
    void handlerWithoutThePropertyGoesThroughTheExecutor() {
        SipRequestHandler first = answering(486);
        engine.handlers.add(first, Map.of(SipRequestHandler.METHODS, "INVITE", "service.id", 1L));
        invite("ex1");
        assertEquals(1, executor.tasks.get());
        assertEquals(1, handledOn.size());
        assertTrue(lastSent().startsWith("SIP/2.0 486 "), lastSent());
        engine.handlers.remove(first);
        engine.handlers.add(answering(480), Map.of(SipRequestHandler.METHODS, "INVITE", "service.id", 2L,
                HandlerRegistry.INLINE, "false"));
        invite("ex2");
        assertEquals(2, executor.tasks.get());
        assertTrue(lastSent().startsWith("SIP/2.0 480 "), lastSent());
    }

    @Test
    void inlineHandlerThatThrowsGets500AndTheTransportThreadCarriesOn() {
        engine.handlers.add(r -> {
            throw new IllegalStateException("boom");
        }, Map.of(SipRequestHandler.METHODS, "INVITE", "service.id", 1L, HandlerRegistry.INLINE, "true"));
        invite("th1");
        assertTrue(lastSent().startsWith("SIP/2.0 500 "), lastSent());
        assertEquals(0, executor.tasks.get());
        invite("th2");
        assertTrue(lastSent().startsWith("SIP/2.0 500 "), lastSent());
    }
}
