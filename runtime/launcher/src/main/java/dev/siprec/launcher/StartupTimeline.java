package dev.siprec.launcher;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Records the start-up timeline (milliseconds since the JVM started, and the process's CPU time so
 * far): framework initialised, bundles
 * installed, each bundle active, each SIP listener attached, the SIP request handler bound, the
 * framework started. When the framework reports STARTED the timeline is written at DEBUG to the
 * logger {@code dev.siprec.launcher.Startup} through the OSGi Log Service (Pax Logging), so it
 * appears in {@code log/siprec.log} when that logger is at DEBUG. Recording costs a few
 * microseconds per event; the writing runs on its own daemon thread after start-up; nothing is written
 * at INFO.
 */
final class StartupTimeline {
    static final String LOGGER = "dev.siprec.launcher.Startup";
    private static final String TRANSPORT = "dev.siprec.sip.api.SipTransport";
    private static final String HANDLER = "dev.siprec.sip.api.SipRequestHandler";

    private static final int CONFIG_WAIT_STEPS = 50;
    private final long jvmStart;
    private final List<String> events = new ArrayList<>();

    StartupTimeline() {
        this.jvmStart = ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
    }

    /**
     * Records an event with the wall time since the JVM started and the CPU time the whole process
     * (every thread: JIT compilers and GC included) has used so far; the CPU figure is the one
     * least disturbed by other load on the machine.
     */
    synchronized void mark(String what) {
        long wall = System.currentTimeMillis() - jvmStart;
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        events.add(String.format("%6d ms  cpu %5d ms  %s", wall, cpu, what));
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Listens for bundles, SIP listeners and the framework's STARTED event of {@code context}. */
    void attach(BundleContext context) {
        context.addBundleListener((SynchronousBundleListener) e -> {
            if (e.getType() == BundleEvent.STARTED) {
                mark("active " + e.getBundle().getSymbolicName());
            }
        });
        try {
            context.addServiceListener(e -> {
                if (e.getType() == ServiceEvent.REGISTERED) {
                    mark(describe(e.getServiceReference()));
                }
            }, "(|(objectClass=" + TRANSPORT + ")(objectClass=" + HANDLER + "))");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        context.addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.STARTED) {
                mark("framework started (start level " + StartLevels.BEGINNING + "): ready");
                Thread writer = new Thread(() -> write(context), "siprec-startup-timeline");
                writer.setDaemon(true);
                writer.start();
            }
        });
    }

    private static String describe(ServiceReference<?> ref) {
        String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
        for (String c : classes) {
            if (c.equals(TRANSPORT)) {
                return "SIP listener registered: " + ref.getProperty("sip.transport");
            }
        }
        return "SIP request handler registered by " + ref.getBundle().getSymbolicName();
    }

    /**
     * The log configuration comes from etc/ through FileInstall and Config Admin, asynchronously, and
     * may land just after the framework has started: ask a few times, off the start-up path.
     */
    private static boolean debugEnabled(Class<?> loggerType, Object logger) throws ReflectiveOperationException {
        Method enabled = loggerType.getMethod("isDebugEnabled");
        for (int i = 0; i < CONFIG_WAIT_STEPS; i++) {
            if ((Boolean) enabled.invoke(logger)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Writes the timeline through the Log Service's {@code LoggerFactory} when one is registered. */
    private void write(BundleContext context) {
        ServiceReference<?> ref = context.getServiceReference("org.osgi.service.log.LoggerFactory");
        if (ref == null) {
            // Pax Logging registers the R7 LogService, which extends LoggerFactory
            ref = context.getServiceReference("org.osgi.service.log.LogService");
        }
        if (ref == null) {
            return;
        }
        Object factory = context.getService(ref);
        if (factory == null) {
            return;
        }
        try {
            Bundle provider = ref.getBundle();
            Class<?> factoryType = provider.loadClass("org.osgi.service.log.LoggerFactory");
            Class<?> loggerType = provider.loadClass("org.osgi.service.log.Logger");
            Object logger = factoryType.getMethod("getLogger", String.class).invoke(factory, LOGGER);
            if (!debugEnabled(loggerType, logger)) {
                return;
            }
            Method debug = loggerType.getMethod("debug", String.class);
            debug.invoke(logger, "start-up timeline (ms since the JVM started, CPU ms used by the process):");
            for (String line : events()) {
                debug.invoke(logger, line);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("siprec: cannot log the start-up timeline: " + e);
        } finally {
            context.ungetService(ref);
        }
    }
}
