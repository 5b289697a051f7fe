package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** A {@link SipTimers} whose clock only moves when the test calls {@link #advance(long)}. */
final class ManualTimers implements SipTimers {

    private record Task(long due, long seq, Runnable run, boolean[] cancelled) { }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public synchronized Timer schedule(long delayMs, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + Math.max(0, delayMs), seq++, task, cancelled));
        return () -> {
            synchronized (ManualTimers.this) {
                cancelled[0] = true;
            }
        };
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    /** Runs every task due within {@code ms}, in order, moving the clock to each due time. */
    void advance(long ms) {
        long target;
        synchronized (this) {
            target = now + ms;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
                if (next.cancelled[0]) {
                    continue;
                }
            }
            next.run.run();
        }
    }

    /** @return the due times (relative to now) of the tasks not cancelled. */
    synchronized List<Long> pendingDelays() {
        List<Long> out = new ArrayList<>();
        for (Task t : queue) {
            if (!t.cancelled[0]) {
                out.add(t.due - now);
            }
        }
        out.sort(Long::compare);
        return out;
    }
}
