package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's Pattern 3: one node publishes the statistics; another takes over when it dies. */
@ExtendWith(LocalCluster.Extension.class)
class DashboardIT {

    private static final String CHANNEL = "view:dashboard:activity:update";

    private static String leaderSeenBy(ServerNode node) {
        return Http.getJson(node.uri("/api/1/dashboard/stats")).body().getJsonObject("data").getString("leader");
    }

    /** The next statistics update (skipping activity lines). */
    private static JsonObject nextStats(SocketClient client) {
        while (true) {
            JsonObject data = client.nextBroadcast().getJsonObject("data");
            if (data.containsKey("stats")) {
                return data;
            }
        }
    }

    @Test
    void exactlyOneNodePublishesTheStatisticsAndActionsReachTheDashboard(LocalCluster cluster) {
        Waits.until("both nodes agree on one leader", Duration.ofSeconds(15),
                () -> leaderSeenBy(cluster.a()).equals(leaderSeenBy(cluster.b())));
        String leader = leaderSeenBy(cluster.a());
        assertTrue(Set.of("node-a", "node-b").contains(leader), leader);

        try (SocketClient onA = SocketClient.connect(cluster.a(), null)) {
            onA.subscribe(CHANNEL, false);
            Set<String> publishers = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                JsonObject stats = nextStats(onA);
                publishers.add(stats.getString("leader"));
                assertTrue(stats.getJsonObject("stats").getInt("nodesUp") >= 2, stats.toString());
            }
            assertEquals(Set.of(leader), publishers, "three updates in a row, all from the one leader");

            String title = "Dashboard action " + UUID.randomUUID().toString().substring(0, 6);
            Http.postJson(cluster.b().uri("/api/1/helloClusterTodo"), "{\"title\":\"" + title + "\",\"user\":\"Dana\"}");
            JsonObject action;
            do {
                action = onA.nextBroadcast().getJsonObject("data");
            } while (!action.containsKey("action"));
            assertEquals("todo created", action.getJsonObject("action").getString("type"));
            assertEquals("Dana", action.getJsonObject("action").getString("user"));
            assertEquals(title, action.getJsonObject("action").getString("details"));
            assertTrue(!action.toString().contains("uuid"), "no client ids on the dashboard feed");
        }
    }

    @Test
    void whenTheLeaderDiesAnotherNodeTakesOverWithinSeconds() {
        File logDir = new File(System.getProperty("app.buildDir"), "nodes");
        try (RedisProcess redis = RedisProcess.start(logDir);
             EmbeddedMongoServer mongo = EmbeddedMongoServer.start(0, null)) {
            Map<String, String> config = Map.of("redis.uri", redis.uri(), "mongo.uri", mongo.uri(),
                    "cluster.site-id", "dash" + redis.port(), "dashboard.interval-seconds", "1");
            try (ServerNode first = ServerNode.launch("node-dash-1", config);
                 ServerNode second = ServerNode.launch("node-dash-2", config)) {
                CompletableFuture.allOf(CompletableFuture.runAsync(first::awaitReady), CompletableFuture.runAsync(second::awaitReady)).join();
                Waits.until("a leader", Duration.ofSeconds(15), () -> leaderSeenBy(first).startsWith("node-dash"));
                ServerNode leader = leaderSeenBy(first).equals("node-dash-1") ? first : second;
                ServerNode survivor = leader == first ? second : first;

                try (SocketClient onSurvivor = SocketClient.connect(survivor, null)) {
                    onSurvivor.subscribe(CHANNEL, false);
                    assertEquals(leader.name(), nextStats(onSurvivor).getString("leader"));
                    leader.kill();
                    long killed = System.nanoTime();
                    JsonObject stats;
                    do {
                        stats = nextStats(onSurvivor);
                    } while (!stats.getString("leader").equals(survivor.name()));
                    long tookMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
                    System.out.printf("Dashboard statistics resumed from %s %d ms after %s was killed%n",
                            survivor.name(), tookMillis, leader.name());
                    assertTrue(tookMillis < 10_000, "took over in " + tookMillis + " ms");
                    assertEquals(List.of(survivor.name()), List.of(leaderSeenBy(survivor)));
                }
            }
        }
    }
}
