package org.appcluster.infra;

import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durations counted into fixed buckets, as a Prometheus histogram reads them: recording is a
 * bucket search over a dozen bounds and two adds, cheap enough for every relayed message.
 */
public final class LatencyHistogram {

    /** Upper bounds in milliseconds, the last bucket ({@code +Inf}) implied. */
    private static final long[] BOUNDS_MILLIS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10000};

    private final LongAdder[] buckets = new LongAdder[BOUNDS_MILLIS.length + 1];
    private final LongAdder sumMillis = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public static long[] boundsMillis() {
        return BOUNDS_MILLIS.clone();
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

    /** What was recorded so far, read while recording goes on (the parts may be a few records apart). */
    public Snapshot snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumMillis.sum());
    }

    /**
     * @param cumulative recorded values at or under {@code boundsMillis()[i]}; the last entry
     *                   ({@code +Inf}) holds them all
     */
    public record Snapshot(long[] cumulative, long sumMillis) {

        public long count() {
            return cumulative[cumulative.length - 1];
        }

        /** What was recorded between {@code earlier} and this snapshot. */
        public Snapshot since(Snapshot earlier) {
            long[] between = new long[cumulative.length];
            for (int i = 0; i < between.length; i++) {
                between[i] = Math.max(0, cumulative[i] - earlier.cumulative[i]);
            }
            return new Snapshot(between, Math.max(0, sumMillis - earlier.sumMillis));
        }

        /**
         * The upper bound of the bucket that holds the {@code quantile} (0 to 1) of the values, as
         * a Prometheus {@code histogram_quantile} would round up; empty without values, and the
         * highest bound for values above it.
         */
        public OptionalLong quantileMillis(double quantile) {
            long count = count();
            if (count == 0) {
                return OptionalLong.empty();
            }
            long rank = (long) Math.ceil(quantile * count);
            for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
                if (cumulative[i] >= rank) {
                    return OptionalLong.of(BOUNDS_MILLIS[i]);
                }
            }
            return OptionalLong.of(BOUNDS_MILLIS[BOUNDS_MILLIS.length - 1]);
        }
    }
}
