package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.appcluster.support.FaultyProxy;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The self-checking subscriber: each node's probe through Redis notices a pub/sub connection
 * that stopped delivering and reconnects; killed and paused connections recover too.
 */
@ExtendWith(LocalCluster.Extension.class)
class SubscriberProbeIT {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static void publish(ServerNode node, String channel, int n) {
        Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":" + n + "}}");
    }

    private static JsonObject redisReadiness(ServerNode node) {
        JsonObject health = Http.getJson(node.healthUri("/health/ready")).body();
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "redis".equals(check.getString("name"))).findFirst().orElseThrow().getJsonObject("data");
    }

    /** Health data values are numbers on some servers and strings on others. */
    private static long number(JsonObject data, String key) {
        return Long.parseLong(data.get(key).toString().replace("\"", ""));
    }

    private static String logOf(ServerNode node) {
        try {
            return java.nio.file.Files.readString(node.log().toPath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Publishes on {@code from} until {@code client} hears one; returns how long that took. */
    private static long publishUntilDelivered(ServerNode from, String channel, SocketClient client) {
        long started = System.nanoTime();
        int[] n = {0};
        Waits.until("a message from " + from.name() + " delivered again", RECOVERY, () -> {
            publish(from, channel, ++n[0]);
            return client.poll(Duration.ofMillis(300)) != null;
        });
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Test
    void aNodeWhosePubSubConnectionGoesDeafReconnectsAndDeliversAgain(LocalCluster cluster) {
        String channel = "view:probeTest:deaf:sent";
        try (FaultyProxy proxy = FaultyProxy.to(cluster.redis().port());
             ServerNode c = cluster.launchExtraNode("node-c", Map.of("redis.uri", proxy.uri()))) {
            Waits.until("node C joined Redis through the proxy", SocketClient.TIMEOUT, c::redisAvailable);
            try (SocketClient onC = SocketClient.connect(c, null)) {
                onC.subscribe(channel, false);
                publish(cluster.a(), channel, 0);
                assertEquals(0, onC.nextBroadcast().getJsonObject("data").getInt("n"));
                Waits.until("node C's first probe came back", SocketClient.TIMEOUT,
                        () -> number(redisReadiness(c), "probeRoundTripMillis") >= 0);

                proxy.deafenOpenConnections();
                long deafened = System.nanoTime();
                Waits.until("node C noticed its deaf subscription", RECOVERY,
                        () -> number(redisReadiness(c), "subscriberRestarts") >= 1);
                System.out.printf("Deaf pub/sub connection noticed and replaced %d ms after it went deaf%n",
                        Duration.ofNanos(System.nanoTime() - deafened).toMillis());
                // The server's log handler may write the line a moment after the count is visible.
                Waits.until("node C to log why it reconnected", SocketClient.TIMEOUT,
                        () -> logOf(c).contains("Redis delivered none of this node's probes"));

                long resumed = publishUntilDelivered(cluster.a(), channel, onC);
                System.out.printf("Delivery from node A to node C resumed %d ms after that%n", resumed);
            }
        }
    }

    @Test
    void pubSubConnectionsKilledByRedisAreReplacedWithTheirSubscriptions(LocalCluster cluster) {
        String channel = "view:probeTest:killed:sent";
        try (SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onB.subscribe(channel, false);
            // Each node holds a pub/sub connection: a kill that found fewer proves nothing.
            String killed = cluster.redis().command("CLIENT KILL TYPE pubsub");
            assertTrue(killed.matches(":\\d+") && Integer.parseInt(killed.substring(1)) >= cluster.nodes().size(),
                    "pub/sub connections killed: " + killed);
            publishUntilDelivered(cluster.a(), channel, onB);
        }
    }

    @Test
    void aPausedRedisLosesNoSubscriptions(LocalCluster cluster) {
        String channel = "view:probeTest:paused:sent";
        try (SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onB.subscribe(channel, false);
            // DEBUG SLEEP blocks Redis, and the connection sending it, for three seconds; its +OK
            // after that long proves Redis did sleep.
            long sent = System.nanoTime();
            String slept = cluster.redis().command("DEBUG SLEEP 3", Duration.ofSeconds(10));
            assertEquals("+OK", slept);
            assertTrue(System.nanoTime() - sent >= Duration.ofMillis(2900).toNanos(), "Redis answered before it slept 3 s");
            publishUntilDelivered(cluster.a(), channel, onB);
            System.out.printf("Delivery resumed %d ms after DEBUG SLEEP 3 was sent%n",
                    Duration.ofNanos(System.nanoTime() - sent).toMillis());
        }
    }
}
