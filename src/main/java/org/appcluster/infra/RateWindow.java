package org.appcluster.infra;

/** A fixed window counter: at most {@code max} events per {@code intervalMillis}. */
public final class RateWindow {

    private final int max;
    private final long intervalNanos;
    private long windowStart;
    private int count;

    public RateWindow(int max, long intervalMillis) {
        this.max = max;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** @return 0 when allowed, 1 for the first refusal in a window, 2 for later ones */
    public synchronized int acquire(long nowNanos) {
        if (count == 0 || nowNanos - windowStart >= intervalNanos) {
            windowStart = nowNanos;
            count = 0;
        }
        count++;
        if (count <= max) {
            return 0;
        }
        return count == max + 1 ? 1 : 2;
    }

    /** Whether nothing was counted for {@code nanos}: such a window can be forgotten. */
    public synchronized boolean idleFor(long nowNanos, long nanos) {
        return count == 0 || nowNanos - windowStart > nanos;
    }
}
