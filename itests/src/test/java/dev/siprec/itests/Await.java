package dev.siprec.itests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition: tests wait for asynchronous effects (service events, file polling) without fixed sleeps. */
public final class Await {
    private Await() {
    }

    /** @return {@code true} as soon as {@code condition} holds, {@code false} when {@code timeout} passed first. */
    public static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }
}
