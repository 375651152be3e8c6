package org.appcluster.clients.control;

/** A fixed window counter: at most {@code max} events per {@code intervalMillis}. */
final class RateWindow {

    private final int max;
    private final long intervalNanos;
    private long windowStart;
    private int count;

    RateWindow(int max, long intervalMillis) {
        this.max = max;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** @return 0 when allowed, 1 for the first refusal in a window, 2 for later ones */
    synchronized int acquire(long nowNanos) {
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
}
