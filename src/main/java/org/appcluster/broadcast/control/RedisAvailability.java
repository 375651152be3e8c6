package org.appcluster.broadcast.control;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Whether this node's Redis works, and what was said about it: each change of state is logged
 * once, and so is the first failure in each state, not every failed publish or retry.
 */
final class RedisAvailability {

    private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());

    private final String where;
    private final AtomicBoolean available = new AtomicBoolean();
    private final AtomicInteger recoveries = new AtomicInteger();
    private final AtomicBoolean unreachableLogged = new AtomicBoolean();
    private final AtomicBoolean publishFailureLogged = new AtomicBoolean();
    private volatile boolean everAvailable;

    /** @param where the Redis URI with any password masked */
    RedisAvailability(String where) {
        this.where = where;
    }

    boolean isAvailable() {
        return available.get();
    }

    /** How often Redis came back after being lost. */
    int recoveries() {
        return recoveries.get();
    }

    /** Records the state seen now; true when it changed. */
    boolean update(boolean now) {
        if (!available.compareAndSet(!now, now)) {
            return false;
        }
        if (now) {
            unreachableLogged.set(true);
            publishFailureLogged.set(false);
            if (everAvailable) {
                recoveries.incrementAndGet();
            }
            everAvailable = true;
            LOG.info(() -> "Redis at " + where + " available: cluster delivery on");
        } else {
            LOG.warning(() -> "Redis at " + where + " lost: local-only delivery until it returns");
        }
        return true;
    }

    void connectFailed(RuntimeException e) {
        if (unreachableLogged.compareAndSet(false, true)) {
            LOG.warning(() -> "Redis at " + where + " unreachable (" + reason(e)
                    + "): local-only delivery, retrying every second");
        }
    }

    /**
     * Lettuce's message names only the address; the root cause says why (a refused connection, a
     * certificate not trusted, a wrong password). Neither carries the credentials.
     */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root;
    }

    void publishFailed(RuntimeException e) {
        if (publishFailureLogged.compareAndSet(false, true)) {
            LOG.warning(() -> "Publish to Redis failed, delivering locally (logged once per Redis connection): " + e);
        }
    }

    void stopped() {
        available.set(false);
    }
}
