package org.appcluster.clients.control;

import java.util.concurrent.atomic.LongAdder;

/**
 * When a socket counts as a slow consumer, and how many were closed. A node pings every
 * {@code pingEveryBytes} sent; a client is closed once more than {@code maxUnreadBytes} are
 * unacknowledged or more than {@code maxQueuedFrames} wait in its queue.
 */
public final class SlowConsumerPolicy {

    private final int maxQueuedFrames;
    private final long maxUnreadBytes;
    private final long pingEveryBytes;
    private final LongAdder closed = new LongAdder();

    public SlowConsumerPolicy(int maxQueuedFrames, long maxUnreadBytes, long pingEveryBytes) {
        if (maxQueuedFrames < 1 || pingEveryBytes < 1 || maxUnreadBytes < pingEveryBytes) {
            throw new IllegalArgumentException("slow-consumer limits need frames >= 1 and max-unread-bytes >= ping-every-bytes >= 1");
        }
        this.maxQueuedFrames = maxQueuedFrames;
        this.maxUnreadBytes = maxUnreadBytes;
        this.pingEveryBytes = pingEveryBytes;
    }

    public static SlowConsumerPolicy defaults() {
        return new SlowConsumerPolicy(1000, 4L * 1024 * 1024, 256L * 1024);
    }

    int maxQueuedFrames() {
        return maxQueuedFrames;
    }

    long maxUnreadBytes() {
        return maxUnreadBytes;
    }

    long pingEveryBytes() {
        return pingEveryBytes;
    }

    void recordClose() {
        closed.increment();
    }

    /** Sockets closed as slow consumers since the node started. */
    public long closedCount() {
        return closed.sum();
    }
}
