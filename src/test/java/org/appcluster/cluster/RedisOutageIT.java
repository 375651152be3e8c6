package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis goes away and comes back; the nodes keep serving locally and rejoin by themselves. */
@ExtendWith(LocalCluster.Extension.class)
class RedisOutageIT {

    private static final String CHANNEL = "view:outageTest:message:sent";
    /** The promise: cluster delivery resumes within 10 s of Redis returning. */
    private static final Duration REJOIN = Duration.ofSeconds(10);

    private static Http.Response publish(org.appcluster.support.ServerNode node, int n) {
        return Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"n\":" + n + "}}");
    }

    @Test
    void nodesDeliverLocallyWithoutRedisAndRejoinWhenItReturns(LocalCluster cluster) {
        try (SocketClient onA = SocketClient.connect(cluster.a(), null);
             SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onA.subscribe(CHANNEL, false);
            onB.subscribe(CHANNEL, false);

            cluster.redis().stop();
            try {
                Waits.until("both nodes report Redis unavailable", SocketClient.TIMEOUT,
                        () -> !cluster.a().redisAvailable() && !cluster.b().redisAvailable());

                assertFalse(onA.nextClusterMode(), "node A tells its browsers it is local-only");
                assertFalse(onB.nextClusterMode(), "node B tells its browsers it is local-only");

                Http.Response ready = Http.getJson(cluster.a().healthUri("/health/ready"));
                assertEquals(200, ready.status(), "a node without Redis still serves: it stays ready");
                assertTrue(ready.text().contains("\"delivery\":\"local-only\""), ready.text());

                Http.Response local = publish(cluster.a(), 1);
                assertEquals(200, local.status(), local.text());
                assertTrue(local.body().getJsonObject("data").getBoolean("fallback"));
                assertEquals(1, onA.nextBroadcast().getJsonObject("data").getInt("n"));
            } finally {
                cluster.redis().restart();
                long restarted = System.nanoTime();
                Waits.until("both nodes rejoin Redis", REJOIN,
                        () -> cluster.a().redisAvailable() && cluster.b().redisAvailable());
                System.out.printf("Nodes rejoined %d ms after redis-server restarted%n",
                        Duration.ofNanos(System.nanoTime() - restarted).toMillis());
            }
            assertTrue(onA.nextClusterMode(), "node A tells its browsers it is back in cluster mode");
            assertTrue(onB.nextClusterMode(), "node B tells its browsers it is back in cluster mode");

            Http.Response clustered = publish(cluster.a(), 2);
            assertTrue(!clustered.body().getJsonObject("data").getBoolean("fallback"), clustered.text());
            assertEquals(2, onA.nextBroadcast().getJsonObject("data").getInt("n"));
            // B never saw the local-only n=1: its first broadcast is n=2, relayed through Redis.
            assertEquals(2, onB.nextBroadcast().getJsonObject("data").getInt("n"));
        }
    }

    @Test
    void clientsOfAHistoryChannelAreToldTheyMissedMessagesWhileRedisWasAway(LocalCluster cluster) {
        String pattern = "view:outageHistory:t" + Long.toHexString(System.nanoTime()) + ":*";
        String channel = pattern.replace("*", "added");
        try (SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            String epochBefore = onB.subscribe(pattern, false).getString("epoch");
            cluster.redis().stop();
            try {
                Waits.until("node A reports Redis unavailable", SocketClient.TIMEOUT, () -> !cluster.a().redisAvailable());
                // Reaches node A's browsers only: node B's client misses it.
                Http.Response local = Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":1}}");
                assertTrue(local.body().getJsonObject("data").getBoolean("fallback"), local.text());
            } finally {
                cluster.redis().restart();
                Waits.until("both nodes rejoin Redis", REJOIN, () -> cluster.a().redisAvailable() && cluster.b().redisAvailable());
            }
            Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"n\":2}}");
            // Never silence: before or around the next message, an explicit recovered:false.
            JsonObject recovery = null;
            JsonObject next = null;
            while (recovery == null || next == null) {
                JsonObject frame = onB.next().getJsonObject("data");
                if ("recovery".equals(frame.getString("type"))) {
                    recovery = frame.getJsonObject("data");
                } else if ("broadcast".equals(frame.getString("type"))) {
                    next = frame.getJsonObject("data");
                }
            }
            assertEquals(pattern, recovery.getString("channel"));
            assertFalse(recovery.getBoolean("recovered"));
            assertEquals(2, next.getJsonObject("data").getInt("n"), "the local-only message never arrives late");
            assertNotEquals(epochBefore, next.getString("epoch"), "Redis restarted empty: a new epoch");
        }
    }
}
