package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

/** The unscoped name resolves to the siprec command whatever else Gogo holds under the same name. */
class SiprecScopeFirstTest {

    public static final class Named {
        private final String who;

        Named(String who) {
            this.who = who;
        }

        public String start(String ref) {
            return who + " " + ref;
        }
    }

    @Test
    void siprecWinsAnUnscopedNameAgainstEveryOtherScope() throws Exception {
        CommandProcessorImpl processor = new CommandProcessorImpl();
        // many scopes with a 'start', so that the hash order of Gogo's table cannot be what decides
        for (int i = 0; i < 40; i++) {
            processor.addCommand("other" + i, new Named("other" + i), "start");
        }
        processor.addCommand("felix", new Named("felix"), "start");
        processor.addCommand("siprec", new Named("siprec"), "start");
        processor.addListener(new SiprecScopeFirst());
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals("siprec x", session.execute("start x"));
        assertEquals("siprec:*", session.get("SCOPE"));
        assertEquals("felix y", session.execute("felix:start y"), "a scoped name is untouched");
        session.put("SCOPE", "felix:*");
        assertEquals("siprec z", session.execute("start z"));
        assertEquals("siprec:felix:*", session.get("SCOPE"), "the session's own order follows siprec");
    }
}
