package org.appcluster.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios 1 and 2: subscribers spread evenly over both nodes and over {@code channels}
 * channels (1 channel: one hot channel), REST publishes spread over both nodes, the rate
 * stepped up. Each step reports deliveries per second, latency from the publish call to the
 * frame arriving, loss, and the nodes' CPU per delivery.
 */
record FanOutScenario(BenchCluster cluster, BenchSockets sockets, BenchResults results) {

    void run(String name, int subscribers, int channels, List<Integer> rates, java.time.Duration step) {
        List<BenchSockets.Socket> opened = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            int offset = node;
            opened.addAll(sockets.open(cluster.socketUri(cluster.node(node)), ClientProtocol.JPULSE, subscribers / 2,
                    i -> channel(name, (2 * i + offset) % channels)));
        }
        int perChannel = subscribers / channels;
        RestPublisher publisher = RestPublisher.broadcasts(100);
        LoadSteps steps = new LoadSteps(sockets, ProcessCpu.of(cluster.nodeProcesses()));
        for (int rate : rates) {
            LoadSteps.Step measured = steps.run(publisher, perChannel,
                    () -> publisher.run(rate, step, i -> publishUri(cluster.node(i).uri("/"), channel(name, i % channels))));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("publish/s", rate);
            row.put("subscribers", subscribers);
            row.put("channels", channels);
            row.putAll(measured.deliveries());
            row.put("publish errors", measured.errors());
            row.put("generator skipped", measured.skipped());
            row.put("sockets closed", measured.socketsClosed());
            row.put("server CPU µs/delivery", measured.cpuMicrosPerDelivery());
            results.add(name, row);
        }
        sockets.closeAll(opened);
    }

    private static String channel(String scenario, int index) {
        return "view:bench:" + scenario.replaceAll("[^a-z]", "") + index + ":tick";
    }

    private static URI publishUri(URI base, String channel) {
        return base.resolve("/api/1/app-cluster/broadcast/" + channel);
    }
}
