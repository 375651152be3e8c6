package org.appcluster.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until a deadline: how tests wait for processes and state changes. */
public final class Waits {

    private Waits() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        if (!reached(timeout, condition)) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** Whether the condition held before the deadline, for callers that report rather than fail. */
    public static boolean reached(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return true;
    }
}
