package org.appcluster.bench;

import java.util.Map;

/**
 * The rate steps of one scenario: each runs its load, waits until every frame it should bring
 * has arrived (or deliveries went quiet) and measures what arrived, and the CPU the nodes spent
 * from the step's start to its last arrival. Frames a slow step still owes are waited for by
 * the next, so the expected count runs on across steps.
 */
final class LoadSteps {

    private final BenchSockets sockets;
    private final ProcessCpu nodesCpu;
    private final JitCpu nodesJit;
    private long expectedSoFar;
    private long cpuAtLastArrival;

    LoadSteps(BenchSockets sockets, ProcessCpu nodesCpu, JitCpu nodesJit) {
        this.sockets = sockets;
        this.nodesCpu = nodesCpu;
        this.nodesJit = nodesJit;
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
        long signalsBefore = sockets.missedSignals.sum();
        publisher.reset();
        Map<String, Long> jitBefore = nodesJit.read();
        long cpuBefore = nodesCpu.nanos();
        long started = System.nanoTime();
        load.run();
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long expected = publisher.accepted.sum() * framesPerMessage;
        expectedSoFar += expected;
        long last = Deliveries.awaitDrained(sockets.received::sum, expectedSoFar, () -> cpuAtLastArrival = nodesCpu.nanos());
        long jitNanos = nodesJit.measures() ? JitCpu.nanosBetween(jitBefore, nodesJit.read()) : -1;
        long delivered = sockets.received.sum() - before;
        Map<String, Object> deliveries = Deliveries.row(delivered, expected, started, last,
                sockets.latencyMicros.getIntervalHistogram());
        return new Step(deliveries, publisher.accepted.sum() / loadSeconds, publisher.failed.sum() + publisher.fellBack.sum(),
                publisher.skipped.sum(), sockets.closedByServer.sum() - closedBefore, sockets.missedSignals.sum() - signalsBefore,
                ProcessCpu.microsPer(cpuAtLastArrival - cpuBefore, delivered), JitCpu.percentOf(jitNanos, cpuAtLastArrival - cpuBefore));
    }

    /**
     * What one step measured: the delivery columns, then the publisher's and the sockets' side,
     * the nodes' CPU µs per delivery ({@link ProcessCpu#microsPer}) and the share of it their JIT
     * compilers took ({@link JitCpu#percentOf}).
     */
    record Step(Map<String, Object> deliveries, double acceptedPerSecond, long errors, long skipped, long socketsClosed, long missedSignals,
                Object cpuMicrosPerDelivery, Object jitPercentOfCpu) {
    }
}
