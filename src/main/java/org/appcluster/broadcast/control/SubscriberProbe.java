package org.appcluster.broadcast.control;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A node's check that its pub/sub connection still delivers: every {@link #EVERY} it publishes a
 * probe on a channel of its own and expects it back through its subscription. A probe unanswered
 * for {@link #TIMEOUT} means the connection looks open but delivers nothing (a half-dead socket,
 * a subscription lost on the server side), which Lettuce cannot see; the node then reconnects.
 * One probe is outstanding at a time.
 */
final class SubscriberProbe {

    private static final Logger LOG = Logger.getLogger(SubscriberProbe.class.getName());
    static final Duration EVERY = Duration.ofSeconds(2);
    static final Duration TIMEOUT = Duration.ofSeconds(6);

    private final String channel;
    private final LongSupplier clock;
    private long sequence;
    private long outstanding;
    private long outstandingSince;
    private long lastAnswered;
    private volatile long roundTripNanos = -1;

    SubscriberProbe(String channel, LongSupplier clock) {
        this.channel = channel;
        this.clock = clock;
        this.lastAnswered = clock.getAsLong();
    }

    /** The Redis channel the probe travels on (a shard channel in Redis Cluster mode). */
    String channel() {
        return channel;
    }

    /** The payload to publish now, or null when a probe is out or the last came back recently. */
    synchronized String next() {
        long now = clock.getAsLong();
        if (outstanding != 0 || now - lastAnswered < EVERY.toNanos()) {
            return null;
        }
        outstanding = ++sequence;
        outstandingSince = now;
        return Long.toString(outstanding);
    }

    /**
     * One health round: publishes the next probe when one is due. False when the last probe never
     * came back (the caller reconnects); a probe that cannot be published is simply late.
     */
    boolean check(Consumer<String> publish) {
        if (stalled()) {
            return false;
        }
        String payload = next();
        if (payload != null) {
            try {
                publish.accept(payload);
            } catch (RuntimeException e) {
                LOG.fine(() -> "Probe not published: " + e);
            }
        }
        return true;
    }

    /** True when the outstanding probe has waited longer than {@link #TIMEOUT}. */
    synchronized boolean stalled() {
        return outstanding != 0 && clock.getAsLong() - outstandingSince > TIMEOUT.toNanos();
    }

    /** A probe came back; anything but the outstanding one (a late answer) is ignored. */
    synchronized void answered(String payload) {
        if (!Long.toString(outstanding).equals(payload) || outstanding == 0) {
            return;
        }
        long now = clock.getAsLong();
        roundTripNanos = now - outstandingSince;
        outstanding = 0;
        lastAnswered = now;
    }

    /** Forgets the outstanding probe: the connection is new, or Redis is gone anyway. */
    synchronized void reset() {
        outstanding = 0;
        lastAnswered = clock.getAsLong();
    }

    /** The last probe's round trip, or -1 before the first came back. */
    long roundTripMillis() {
        long nanos = roundTripNanos;
        return nanos < 0 ? -1 : Duration.ofNanos(nanos).toMillis();
    }
}
