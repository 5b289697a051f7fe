package dev.siprec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.RecordingSinkRegistry;

/** The distribution's bundles boot in Felix; the whiteboards pick up and drop plug-ins live; {@code siprec:status} answers. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkIT {

    @Inject
    BundleContext context;

    @Inject
    CommandProcessor commands;

    @Inject
    RecordingSinkRegistry sinks;

    @Configuration
    public Option[] config() {
        return Distribution.frameworkOptions("framework");
    }

    @Test
    public void everyProjectBundleIsActive() {
        int count = 0;
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("dev.siprec.")) {
                count++;
                assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
            }
        }
        assertTrue("project bundles found: " + count, count >= 10);
    }

    @Test
    public void statusCommandAnswers() throws Exception {
        String out = run("siprec:status");
        assertTrue(out, out.contains("SIPREC recording server"));
        assertTrue(out, out.contains("dev.siprec.api"));
        assertTrue(out, out.contains("SRTP suites:"));
    }

    @Test
    public void sinkRegisteredAtRuntimeIsPickedUpAndDropped() throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RecordingSink.SINK, "itest-sink");
        ServiceRegistration<RecordingSink> reg = context.registerService(RecordingSink.class, new NoSink(), props);
        try {
            assertTrue(Await.until(Duration.ofSeconds(30), () -> sinks.names().contains("itest-sink")));
            assertTrue(run("siprec:status").contains("itest-sink"));
        } finally {
            reg.unregister();
        }
        assertTrue(Await.until(Duration.ofSeconds(30), () -> !sinks.names().contains("itest-sink")));
    }

    @Test
    public void sinkWithoutNameIsRejected() throws Exception {
        ServiceRegistration<RecordingSink> reg = context.registerService(RecordingSink.class, new NoSink(), new Hashtable<>());
        try {
            Thread.sleep(200);
            assertFalse(sinks.names().contains(null));
            assertEquals(0, sinks.sinks().stream().filter(s -> s instanceof NoSink).count());
        } finally {
            reg.unregister();
        }
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandSession session = commands.createSession(System.in, out, out);
        try {
            Object result = session.execute(command);
            return result == null ? bytes.toString(StandardCharsets.UTF_8) : String.valueOf(result);
        } finally {
            session.close();
        }
    }

    /** A sink that takes nothing: enough to see the whiteboard work. */
    static final class NoSink implements RecordingSink {
        @Override
        public Session open(RecordingSession session) {
            return new Session() {
                @Override
                public void streamAdded(MediaStream stream) {
                }

                @Override
                public void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count) {
                }

                @Override
                public void dtmf(String streamKey, char digit, long samplePosition, int durationMillis) {
                }

                @Override
                public void metadata(int version, byte[] body, RecordingSession parsed) {
                }

                @Override
                public void updated(RecordingSession state) {
                }

                @Override
                public void end(EndReason reason) {
                }
            };
        }
    }
}
