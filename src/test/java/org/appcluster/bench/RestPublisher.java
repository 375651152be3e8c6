package org.appcluster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * POSTs to the nodes' REST API at a fixed rate or as fast as they answer, spread over the nodes
 * as a load balancer would, with a bounded number of requests in flight. Each body carries its
 * send time ({@link System#nanoTime()}), so delivery latency can be measured.
 */
final class RestPublisher {

    private static final int IN_FLIGHT = 128;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Body body;
    final LongAdder accepted = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder fellBack = new LongAdder();
    final LongAdder skipped = new LongAdder();

    /** A request body for message {@code sequence}, sent at {@code sentAt} (nanoTime). */
    interface Body {
        String of(long sequence, long sentAt);
    }

    RestPublisher(Body body) {
        this.body = body;
    }

    /** Broadcast publishes: data with the send time {@code "t"} and a padding that sets the size. */
    static RestPublisher broadcasts(int paddingChars) {
        String padding = "x".repeat(paddingChars);
        return new RestPublisher((sequence, sentAt) ->
                "{\"data\":{\"t\":" + sentAt + ",\"s\":" + sequence + ",\"pad\":\"" + padding + "\"}}");
    }

    /**
     * Sends {@code perSecond} messages a second for {@code duration} to {@code target(i)} (a
     * full URI), then waits for the answers. A message that finds every slot busy is counted as
     * skipped (the generator, not the node, was the limit) instead of being queued.
     */
    void run(int perSecond, Duration duration, IntFunction<URI> target) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        long total = duration.toSeconds() * perSecond;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                skipped.increment();
                continue;
            }
            send(target.apply(i), i);
        }
        awaitIdle();
    }

    /** As fast as the nodes answer, {@code IN_FLIGHT} at a time, for {@code duration}. */
    long flood(Duration duration, IntFunction<URI> target) {
        long end = System.nanoTime() + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            inFlight.acquireUninterruptibly();
            send(target.apply((int) sent), (int) sent);
            sent++;
        }
        awaitIdle();
        return sent;
    }

    private void awaitIdle() {
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
    }

    void reset() {
        List.of(accepted, failed, fellBack, skipped).forEach(LongAdder::reset);
    }

    private void send(URI uri, int sequence) {
        http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.of(sequence, System.nanoTime()))).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    // Counted before the slot is freed: whoever waits for all slots sees every count.
                    count(response, error);
                    inFlight.release();
                });
    }

    private void count(HttpResponse<String> response, Throwable error) {
        if (error != null || response.statusCode() != 200) {
            failed.increment();
        } else if (response.body().contains("\"fallback\":true")) {
            fellBack.increment();
        } else {
            accepted.increment();
        }
    }
}
