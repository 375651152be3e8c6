package org.appcluster.broadcast.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.appcluster.infra.RateWindow;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * REST publishing limits: per browser (its uuid) and, so that rotating uuids does not help, a
 * higher one per remote address. Idle windows are forgotten so the map cannot grow without bound.
 * Behind a proxy every browser shares the proxy's address, so operators raise
 * {@code publish.rate-limit.per-address} there.
 */
@ApplicationScoped
public class PublishRateLimiter {

    public static final int PER_CLIENT_PER_SECOND = 20;
    public static final int PER_ADDRESS_PER_SECOND = 200;
    private static final int SWEEP_ABOVE = 10_000;
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    @Inject
    @ConfigProperty(name = "publish.rate-limit.per-client", defaultValue = "" + PER_CLIENT_PER_SECOND)
    int configuredPerClient;

    @Inject
    @ConfigProperty(name = "publish.rate-limit.per-address", defaultValue = "" + PER_ADDRESS_PER_SECOND)
    int configuredPerAddress;

    private final Map<String, RateWindow> windows = new ConcurrentHashMap<>();
    private int perClient = PER_CLIENT_PER_SECOND;
    private int perAddress = PER_ADDRESS_PER_SECOND;
    LongSupplier clock = System::nanoTime;

    @PostConstruct
    void configure() {
        perClient = configuredPerClient;
        perAddress = configuredPerAddress;
    }

    public boolean allow(String remoteAddress, String clientUuid) {
        long now = clock.getAsLong();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(window -> window.idleFor(now, IDLE_NANOS));
        }
        boolean addressAllowed = window("address:" + remoteAddress, perAddress).acquire(now) == 0;
        boolean clientAllowed = clientUuid == null || window("client:" + clientUuid, perClient).acquire(now) == 0;
        return addressAllowed && clientAllowed;
    }

    private RateWindow window(String key, int max) {
        return windows.computeIfAbsent(key, k -> new RateWindow(max, 1000));
    }
}
