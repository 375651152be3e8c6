package org.appcluster.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/** Waits for a step's deliveries to arrive and turns them into a row of figures. */
final class Deliveries {

    private static final Duration QUIET = Duration.ofSeconds(10);

    private Deliveries() {
    }

    /**
     * Waits until {@code received} reaches {@code expected}, or stops growing for {@link #QUIET};
     * returns when it last grew (nanoTime). Steps pass running totals, so a step's late
     * deliveries are not counted for the next one.
     */
    static long awaitDrained(LongSupplier received, long expected) {
        return awaitDrained(received, expected, () -> { });
    }

    /** As above, running {@code onArrival} each time the count is seen to have grown. */
    static long awaitDrained(LongSupplier received, long expected, Runnable onArrival) {
        long lastCount = -1;
        long lastChange = System.nanoTime();
        long lastArrival = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long count = received.getAsLong();
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
                lastArrival = now;
                onArrival.run();
            }
            if (count >= expected || now - lastChange > QUIET.toNanos()) {
                return lastArrival;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /** Rate, latency percentiles (ms) and loss of one step. */
    static Map<String, Object> row(long delivered, long expected, long startedNanos, long lastArrivalNanos, Histogram latency) {
        Map<String, Object> row = new LinkedHashMap<>();
        double seconds = Math.max(1e-9, (lastArrivalNanos - startedNanos) / 1e9);
        row.put("delivered/s", Math.round(delivered / seconds));
        row.put("p50 ms", millis(latency.getValueAtPercentile(50)));
        row.put("p99 ms", millis(latency.getValueAtPercentile(99)));
        row.put("p99.9 ms", millis(latency.getValueAtPercentile(99.9)));
        row.put("max ms", millis(latency.getMaxValue()));
        row.put("lost", expected - delivered);
        return row;
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
