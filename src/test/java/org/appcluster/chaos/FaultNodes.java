package org.appcluster.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Waits;

/**
 * The two nodes of a run under faults (the chaos suite, the soak): history on the run's channels,
 * publish limits lifted (every request comes from the test's one address), both ready and on Redis.
 */
record FaultNodes(ServerNode a, ServerNode b) implements AutoCloseable {

    static FaultNodes start(String prefix, String redisUri, String redisMode, String mongoUri, String historyPattern, Duration timeout) {
        Map<String, String> config = new HashMap<>(LocalCluster.nodeConfig(redisUri, redisMode, mongoUri));
        config.put("history.channels", historyPattern);
        config.put("publish.rate-limit.per-client", "100000");
        config.put("publish.rate-limit.per-address", "100000");
        FaultNodes nodes = new FaultNodes(ServerNode.launch(prefix + "-a", config), ServerNode.launch(prefix + "-b", config));
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(nodes.a::awaitReady), CompletableFuture.runAsync(nodes.b::awaitReady)).join();
            Waits.until("both nodes joined Redis", timeout, () -> nodes.a.redisAvailable() && nodes.b.redisAvailable());
            return nodes;
        } catch (RuntimeException | Error e) {
            nodes.close();
            throw e;
        }
    }

    List<ServerNode> both() {
        return List.of(a, b);
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
