package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.ServerKind;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.TestPaths;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;

/**
 * Several pairs of nodes started at once, as CI starts them on a busy machine: every node that
 * logs "ready" answers soon after, its HTTP listener started once (a listener setting applied
 * after boot restarts it while the web container is built, and the two race), and the setting
 * that the pre-boot file applies is in force.
 */
class NodeStartupIT {

    /** Four nodes booting at once already fill both cores of a CI machine for a minute or more. */
    private static final int PAIRS = 2;
    /** Far more than a node that serves needs; the harness's own limit for a failed start is longer. */
    private static final Duration READY_TO_SERVING = Duration.ofSeconds(20);
    private static final Pattern LISTENER_STARTED = Pattern.compile("Network Listener http-listener started in");

    @Test
    void everyNodeOfSeveralPairsStartedAtOnceAnswersSoonAfterItLogsReady() {
        File logDir = new File(TestPaths.buildDir(), "nodes");
        logDir.mkdirs();
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(0, null);
        List<AutoCloseable> started = new ArrayList<>(List.of(mongo));
        try {
            List<ServerNode> nodes = new ArrayList<>();
            for (int pair = 1; pair <= PAIRS; pair++) {
                RedisProcess redis = RedisProcess.start(logDir);
                started.add(redis);
                Map<String, String> config = LocalCluster.nodeConfig(redis.uri(), "single", mongo.uri());
                for (String side : List.of("a", "b")) {
                    ServerNode node = ServerNode.launch("node-start-" + pair + side, config);
                    started.add(node);
                    nodes.add(node);
                }
            }
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::awaitReady))
                    .toArray(CompletableFuture[]::new)).join();

            for (ServerNode node : nodes) {
                System.out.println("Node " + node.name() + " answered " + node.readyToServing().toMillis() + " ms after it logged ready");
                assertTrue(node.readyToServing().compareTo(READY_TO_SERVING) <= 0,
                        node.name() + " answered " + node.readyToServing().toMillis() + " ms after it logged ready; see " + node.log());
                if (ServerKind.current() == ServerKind.PAYARA_MICRO) {
                    assertEquals(1, LISTENER_STARTED.matcher(node.startupLogText()).results().count(),
                            node.name() + ": the HTTP listener started more than once; see " + node.log());
                }
                // A DELETE's JSON body is read (Grizzly drops it unless the pre-boot setting is in force).
                Http.Response delete = Http.request("DELETE", node.uri("/api/1/helloClusterTodo/000000000000000000000000"), "{\"user\":5}");
                assertEquals(400, delete.status(), node.name() + ": " + delete.text());
                assertEquals("VALIDATION_ERROR", delete.body().getString("code"), node.name());
                Waits.until(node.name() + " joined its Redis", SocketClient.TIMEOUT, node::redisAvailable);
            }
        } finally {
            // Nodes first, then their Redis servers, then the MongoDB they share.
            for (int i = started.size() - 1; i >= 0; i--) {
                LocalCluster.closeQuietly(started.get(i));
            }
        }
    }
}
