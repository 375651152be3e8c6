package org.appcluster.broadcast.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.appcluster.infra.RateWindow;

/**
 * REST publishing limits: per browser (its uuid) and, so that rotating uuids does not help, a
 * higher one per remote address. Idle windows are forgotten so the map cannot grow without bound.
 */
@ApplicationScoped
public class PublishRateLimiter {

    public static final int PER_CLIENT_PER_SECOND = 20;
    public static final int PER_ADDRESS_PER_SECOND = 200;
    private static final int SWEEP_ABOVE = 10_000;
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<String, RateWindow> windows = new ConcurrentHashMap<>();
    LongSupplier clock = System::nanoTime;

    public boolean allow(String remoteAddress, String clientUuid) {
        long now = clock.getAsLong();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(window -> window.idleFor(now, IDLE_NANOS));
        }
        boolean addressAllowed = window("address:" + remoteAddress, PER_ADDRESS_PER_SECOND).acquire(now) == 0;
        boolean clientAllowed = clientUuid == null || window("client:" + clientUuid, PER_CLIENT_PER_SECOND).acquire(now) == 0;
        return addressAllowed && clientAllowed;
    }

    private RateWindow window(String key, int max) {
        return windows.computeIfAbsent(key, k -> new RateWindow(max, 1000));
    }
}
