package dev.siprec.admin.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

/** Exit status of one admin command: what a script calling bin/siprec-admin sees. */
class GogoCommandTest {

    /** What the fake command does with the session's streams. */
    private interface Behaviour {
        Object run(PrintStream out, PrintStream err) throws Exception;
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Behaviour behaviour) {
        CommandProcessor cp = (CommandProcessor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandProcessor.class}, (p, m, args) -> {
                    if (!m.getName().equals("createSession")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    PrintStream sOut = (PrintStream) args[1];
                    PrintStream sErr = (PrintStream) args[2];
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CommandSession.class},
                            (s, sm, sargs) -> switch (sm.getName()) {
                                case "execute" -> behaviour.run(sOut, sErr);
                                case "format" -> String.valueOf(sargs[0]);
                                case "close" -> null;
                                default -> throw new UnsupportedOperationException(sm.getName());
                            });
                });
        InputStream in = new ByteArrayInputStream(new byte[0]);
        return GogoCommand.execute(cp, "some command", in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCommandThatReturnsIsASuccess() {
        assertEquals(0, run((o, e) -> "fine"));
        assertEquals("fine\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandThatThrowsFailsWithItsMessage() {
        assertEquals(1, run((o, e) -> {
            throw new IllegalArgumentException("no installed bundle named x");
        }));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no installed bundle named x"));
    }

    /** Felix's own commands print their exception to System.err (the session's error stream) and return. */
    @Test
    void aCommandThatPrintsAnErrorAndReturnsFails() {
        assertEquals(1, run((o, e) -> {
            e.println("org.osgi.framework.BundleException: Unable to cache bundle: file:/no/such.jar");
            return null;
        }));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unable to cache bundle"), "passed through");
    }

    @Test
    void outputAloneIsNoFailure() {
        assertEquals(0, run((o, e) -> {
            o.println("START LEVEL 5");
            return null;
        }));
        assertEquals("START LEVEL 5\n", out.toString(StandardCharsets.UTF_8));
    }
}
