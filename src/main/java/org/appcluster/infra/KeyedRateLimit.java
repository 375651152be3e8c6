package org.appcluster.infra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} events a second per key (a remote address, a client): one
 * {@link RateWindow} each, and windows idle for a minute are forgotten once there are many, so the
 * map cannot grow without bound.
 */
public final class KeyedRateLimit {

    private static final int SWEEP_ABOVE = 10_000;
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int max;
    private final Map<String, RateWindow> windows = new ConcurrentHashMap<>();

    public KeyedRateLimit(int max) {
        this.max = max;
    }

    public boolean allow(String key, long nowNanos) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(window -> window.idleFor(nowNanos, IDLE_NANOS));
        }
        return windows.computeIfAbsent(key, k -> new RateWindow(max, 1000)).acquire(nowNanos) == 0;
    }

    public int max() {
        return max;
    }
}
