package org.appcluster.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario 6 on one target: how long {@code count} sockets take to connect and subscribe, half
 * on each node, over 10 channels, {@link BenchSockets}' 200 handshakes in flight; and the
 * nodes' CPU per socket.
 */
record ConnectScenario(BenchTarget target, BenchSockets sockets, BenchResults results) {

    static final String NAME = "6. connect and subscribe";
    private static final int CHANNELS = 10;

    void run(int count) {
        try (Subscribers subscribed = Subscribers.open(target, sockets, count, i -> "view:bench:connect" + i % CHANNELS + ":tick")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", target.name());
            row.put("sockets", subscribed.count());
            row.put("seconds", subscribed.seconds());
            row.put("connects/s", subscribed.connectsPerSecond());
            row.put("server CPU µs/socket", subscribed.cpuMicrosPerSocket());
            results.add(NAME, row);
        }
    }
}
