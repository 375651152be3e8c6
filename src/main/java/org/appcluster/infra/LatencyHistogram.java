package org.appcluster.infra;

import java.util.concurrent.atomic.LongAdder;

/**
 * Durations counted into fixed buckets, as a Prometheus histogram reads them: recording is a
 * bucket search over a dozen bounds and two adds, cheap enough for every relayed message.
 */
public final class LatencyHistogram {

    /** Upper bounds in milliseconds, the last bucket ({@code +Inf}) implied. */
    static final long[] BOUNDS_MILLIS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10000};

    private final LongAdder[] buckets = new LongAdder[BOUNDS_MILLIS.length + 1];
    private final LongAdder sumMillis = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void record(long millis) {
        long value = Math.max(0, millis);
        int bucket = 0;
        while (bucket < BOUNDS_MILLIS.length && value > BOUNDS_MILLIS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumMillis.add(value);
    }

    /** What was recorded so far: counts per bucket (not cumulative), their sum and total. */
    public Snapshot snapshot() {
        long[] counts = new long[buckets.length];
        long total = 0;
        for (int i = 0; i < buckets.length; i++) {
            counts[i] = buckets[i].sum();
            total += counts[i];
        }
        return new Snapshot(counts, sumMillis.sum(), total);
    }

    /** One reading; read while recording goes on, so the parts may be a few records apart. */
    public record Snapshot(long[] counts, long sumMillis, long count) {

        /** Recorded values at or under {@code BOUNDS_MILLIS[i]} ({@code i == BOUNDS_MILLIS.length}: all). */
        public long cumulative(int i) {
            long sum = 0;
            for (int b = 0; b <= i; b++) {
                sum += counts[b];
            }
            return sum;
        }

        public static long[] boundsMillis() {
            return BOUNDS_MILLIS.clone();
        }
    }
}
