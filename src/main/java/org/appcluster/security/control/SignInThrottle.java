package org.appcluster.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Backs off failed sign-ins per remote address and per account name (the admin account is always a
 * target): the first {@value #FREE_FAILURES} failures cost nothing, then each one doubles the wait
 * before the next attempt, up to {@link #MAX_WAIT}. A success clears the account and the address.
 * Counted on each node; records idle for an hour are forgotten.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final long FORGET_NANOS = Duration.ofHours(1).toNanos();
    private static final int SWEEP_ABOVE = 10_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    LongSupplier clock = System::nanoTime;

    private record Failures(int count, long lastNanos) {

        long waitNanos() {
            if (count < FREE_FAILURES) {
                return 0;
            }
            long seconds = 1L << Math.min(30, count - FREE_FAILURES);
            return Math.min(MAX_WAIT.toNanos(), Duration.ofSeconds(seconds).toNanos());
        }
    }

    /** How long the caller must wait before trying again; zero when it may try now. */
    public Duration waitBefore(String address, String username) {
        long now = clock.getAsLong();
        long wait = Math.max(remaining(key("address", address), now), remaining(key("account", username), now));
        return Duration.ofNanos(wait);
    }

    public void failed(String address, String username) {
        long now = clock.getAsLong();
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(record -> now - record.lastNanos() > FORGET_NANOS);
        }
        for (String key : new String[] {key("address", address), key("account", username)}) {
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    public void succeeded(String address, String username) {
        failures.remove(key("address", address));
        failures.remove(key("account", username));
    }

    private long remaining(String key, long now) {
        Failures record = failures.get(key);
        return record == null ? 0 : Math.max(0, record.lastNanos() + record.waitNanos() - now);
    }

    private static String key(String kind, String value) {
        return kind + ":" + value;
    }
}
