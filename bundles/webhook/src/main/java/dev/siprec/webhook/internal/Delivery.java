package dev.siprec.webhook.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queue to one URL, oldest event first, on its own thread: a {@code 2xx} answer
 * removes the event; anything else (an error status, a refused connection, a timeout) is retried
 * after a backoff that doubles from {@code initialBackoff} up to {@code maxBackoff}, with jitter.
 * Events wait on disk meanwhile, so neither a restart of the receiver nor of this server loses one.
 */
final class Delivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final String name;
    private final URI url;
    private final DiskQueue queue;
    private final Signature signature;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final HttpClient http;
    private final Thread thread;
    private final Object lock = new Object();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    Delivery(String name, URI url, DiskQueue queue, Signature signature, Duration timeout, Duration initialBackoff,
             Duration maxBackoff) {
        this.name = name;
        this.url = url;
        this.queue = queue;
        this.signature = signature;
        this.timeout = timeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = new Thread(this::run, "siprec-webhook-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stores one event body; never blocks on the network. */
    void enqueue(byte[] body) {
        synchronized (lock) {
            try {
                if (!queue.offer(body)) {
                    long n = dropped.incrementAndGet();
                    if (n == 1 || Long.bitCount(n) == 1) {
                        LOG.warn("webhook {}: queue full ({} events, {} bytes); {} event(s) dropped so far", name,
                                queue.size(), queue.bytes(), n);
                    }
                    return;
                }
            } catch (IOException e) {
                dropped.incrementAndGet();
                LOG.error("webhook {}: cannot store an event: {}", name, e.toString());
                return;
            }
            lock.notifyAll();
        }
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            Optional<DiskQueue.Entry> next;
            synchronized (lock) {
                try {
                    next = queue.peek();
                    if (next.isEmpty()) {
                        lock.wait(1000);
                        continue;
                    }
                } catch (IOException e) {
                    LOG.error("webhook {}: cannot read the queue: {}", name, e.toString());
                    sleep(maxBackoff);
                    continue;
                } catch (InterruptedException e) {
                    return;
                }
            }
            String problem = post(next.get().body());
            if (problem == null) {
                failures = 0;
                delivered.incrementAndGet();
                synchronized (lock) {
                    try {
                        queue.remove(next.get().sequence());
                    } catch (IOException e) {
                        LOG.error("webhook {}: delivered event cannot be removed from the queue: {}", name, e.toString());
                    }
                }
            } else {
                failedAttempts.incrementAndGet();
                Duration wait = backoff(failures++);
                if (failures == 1 || Long.bitCount(failures) == 1) {
                    LOG.warn("webhook {}: delivery to {} failed ({}); {} event(s) waiting, next try in {} ms", name, WebhookComponent.shown(url),
                            problem, queue.size(), wait.toMillis());
                }
                sleep(wait);
            }
        }
    }

    /** @return {@code null} when the receiver accepted the event, else why not */
    private String post(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "siprec-webhook")
                .header(Signature.HEADER, signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    Duration backoff(int failures) {
        long base = initialBackoff.toMillis() << Math.min(failures, 20);
        long capped = Math.min(Math.max(base, initialBackoff.toMillis()), maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void sleep(Duration d) {
        synchronized (lock) {
            long end = System.nanoTime() + d.toNanos();
            try {
                while (!closed) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        synchronized (lock) {
            m.put("events.queued", (long) queue.size());
            m.put("bytes.queued", queue.bytes());
        }
        m.put("events.delivered", delivered.get());
        m.put("attempts.failed", failedAttempts.get());
        m.put("events.dropped", dropped.get());
        return m;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signature.wipe();
    }
}
