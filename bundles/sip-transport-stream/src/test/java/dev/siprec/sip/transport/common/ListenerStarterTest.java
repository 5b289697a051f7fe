package dev.siprec.sip.transport.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The starter shared by the TLS and WebSocket listeners: order, close during a change, failures. */
class ListenerStarterTest {
    @Test
    void runsChangesInOrderAndCloseWaitsForTheOneInProgress() throws Exception {
        ListenerStarter starter = new ListenerStarter("test");
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch inProgress = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        starter.submit(() -> {
            inProgress.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add("first");
        });
        starter.submit(() -> done.add("second"));
        assertTrue(inProgress.await(30, TimeUnit.SECONDS));
        Thread closer = new Thread(starter::close);
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close returned while a change was in progress");
        release.countDown();
        closer.join(30_000);
        assertFalse(closer.isAlive());
        assertEquals(List.of("first"), done, "a change queued before close ran after it");
        starter.submit(() -> done.add("third"));
        Thread.sleep(100);
        assertEquals(List.of("first"), done);
    }

    @Test
    void aFailingChangeDoesNotStopTheOnesAfterIt() throws Exception {
        ListenerStarter starter = new ListenerStarter("test");
        CountDownLatch after = new CountDownLatch(1);
        starter.submit(() -> {
            throw new IllegalStateException("boom");
        });
        starter.submit(after::countDown);
        assertTrue(after.await(30, TimeUnit.SECONDS));
        starter.close();
    }

    @Test
    void changesRunOnANamedDaemonThreadOtherThanTheCaller() throws Exception {
        ListenerStarter starter = new ListenerStarter("tls-edge");
        CountDownLatch ran = new CountDownLatch(1);
        Thread[] runner = new Thread[1];
        starter.submit(() -> {
            runner[0] = Thread.currentThread();
            ran.countDown();
        });
        assertTrue(ran.await(30, TimeUnit.SECONDS));
        assertTrue(runner[0] != Thread.currentThread());
        assertEquals("sip-tls-edge-start", runner[0].getName());
        assertTrue(runner[0].isDaemon());
        starter.close();
        starter.close(); // idempotent
    }
}
