package org.appcluster.chaos;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests {@code 1, 2, 3…} one after another at a steady rate until stopped (a slow answer
 * delays the next; no burst follows to catch up), and counts the answers that were not the expected kind by cause: an
 * HTTP status or an exception.
 */
abstract class PacedRequests implements Runnable {

    private final long intervalNanos;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    PacedRequests(int perSecond) {
        this.intervalNanos = 1_000_000_000L / perSecond;
    }

    /** Sends request {@code n} and records what came of it. */
    abstract void request(long n);

    /** Failed requests by cause (an HTTP status or an exception), with how often. */
    final Map<String, Integer> failures() {
        return Map.copyOf(failures);
    }

    final void stop() {
        stopped = true;
    }

    @Override
    public final void run() {
        long next = System.nanoTime();
        for (long n = 1; !stopped; n++) {
            request(n);
            next = Math.max(next + intervalNanos, System.nanoTime());
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    final void failedWith(int status) {
        failures.merge("HTTP " + status, 1, Integer::sum);
    }

    final void failedWith(Exception e) {
        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
