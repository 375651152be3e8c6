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

    static final String NAME = "4. write path: to-do create to every subscriber";
    static final String CHANNEL = "view:helloClusterTodo:list:changed";

    void run(int subscribers, List<Integer> rates, Duration step) {
        List<BenchSockets.Socket> opened = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            opened.addAll(sockets.open(cluster.socketUri(cluster.node(node)), ClientProtocol.JPULSE, subscribers / 2, i -> CHANNEL));
        }
        RestPublisher writer = new RestPublisher((sequence, sentAt) -> "{\"title\":\"" + BenchSockets.TITLE_TIME + sentAt + "\"}");
        LoadSteps steps = new LoadSteps(sockets, ProcessCpu.of(cluster.nodeProcesses()), JitCpu.of(cluster.jvmPids()));
        for (int rate : rates) {
            LoadSteps.Step measured = steps.run(writer, subscribers,
                    () -> writer.run(rate, step, i -> cluster.node(i).uri("/api/1/helloClusterTodo")));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("creates/s offered", rate);
            row.put("creates/s done", Math.round(measured.acceptedPerSecond()));
            row.put("subscribers", subscribers);
            row.putAll(measured.deliveries());
            row.put("write errors", measured.errors());
            row.put("generator skipped", measured.skipped());
            row.put("sockets closed", measured.socketsClosed());
            row.put("missed signals", measured.missedSignals());
            row.put("server CPU µs/delivery", measured.cpuMicrosPerDelivery());
            row.put("JIT % of server CPU", measured.jitPercentOfCpu());
            results.add(NAME, row);
        }
        sockets.closeAll(opened);
    }
}
