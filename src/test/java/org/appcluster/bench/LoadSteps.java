package org.appcluster.bench;

import java.util.Map;

/**
 * The rate steps of one scenario: each runs its load, waits until every frame it should bring
 * has arrived (or deliveries went quiet) and measures what arrived. Frames a slow step still owes
 * are waited for by the next, so the expected count runs on across steps.
 */
final class LoadSteps {

    private final BenchSockets sockets;
    private long expectedSoFar;

    LoadSteps(BenchSockets sockets) {
        this.sockets = sockets;
        this.expectedSoFar = sockets.received.sum();
    }

    /**
     * @param framesPerMessage how many sockets get each message the publisher had accepted
     * @param load runs {@code publisher} at the step's rate
     */
    Step run(RestPublisher publisher, long framesPerMessage, Runnable load) {
        sockets.latencyMicros.reset();
        long before = sockets.received.sum();
        long closedBefore = sockets.closedByServer.sum();
        publisher.reset();
        long started = System.nanoTime();
        load.run();
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long expected = publisher.accepted.sum() * framesPerMessage;
        expectedSoFar += expected;
        long last = Deliveries.awaitDrained(sockets.received::sum, expectedSoFar);
        Map<String, Object> deliveries = Deliveries.row(sockets.received.sum() - before, expected, started, last,
                sockets.latencyMicros.getIntervalHistogram());
        return new Step(deliveries, publisher.accepted.sum() / loadSeconds, publisher.failed.sum() + publisher.fellBack.sum(),
                publisher.skipped.sum(), sockets.closedByServer.sum() - closedBefore);
    }

    /** What one step measured: the delivery columns, then the publisher's and the sockets' side. */
    record Step(Map<String, Object> deliveries, double acceptedPerSecond, long errors, long skipped, long socketsClosed) {
    }
}
