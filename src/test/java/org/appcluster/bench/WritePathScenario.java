package org.appcluster.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: to-do creates through REST (validated, stored in MongoDB, CDI event, singleton EJB,
 * Redis) delivered to every subscriber of the to-do list channel on both nodes. The title
 * carries the send time, so latency is create call to frame arriving.
 */
record WritePathScenario(BenchCluster cluster, BenchSockets sockets, BenchResults results) {

    static final String CHANNEL = "view:helloClusterTodo:list:changed";

    void run(int subscribers, List<Integer> rates, Duration step) {
        List<BenchSockets.Socket> opened = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            opened.addAll(sockets.open(cluster.socketUri(cluster.node(node)), subscribers / 2, i -> CHANNEL));
        }
        RestPublisher writer = new RestPublisher((sequence, sentAt) -> "{\"title\":\"" + BenchSockets.TITLE_TIME + sentAt + "\"}");
        long expectedSoFar = sockets.received.sum();
        for (int rate : rates) {
            sockets.latencyMicros.reset();
            long before = sockets.received.sum();
            writer.reset();
            long started = System.nanoTime();
            writer.run(rate, step, i -> cluster.node(i).uri("/api/1/helloClusterTodo"));
            double writeSeconds = (System.nanoTime() - started) / 1e9;
            long expected = writer.accepted.sum() * subscribers;
            expectedSoFar += expected;
            long last = Deliveries.awaitDrained(sockets.received::sum, expectedSoFar);
            long delivered = sockets.received.sum() - before;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("creates/s offered", rate);
            row.put("creates/s done", Math.round(writer.accepted.sum() / writeSeconds));
            row.put("subscribers", subscribers);
            row.putAll(Deliveries.row(delivered, expected, started, last, sockets.latencyMicros.getIntervalHistogram()));
            row.put("write errors", writer.failed.sum() + writer.fellBack.sum());
            row.put("generator skipped", writer.skipped.sum());
            results.add("4. write path: to-do create to every subscriber", row);
        }
        sockets.closeAll(opened);
    }
}
