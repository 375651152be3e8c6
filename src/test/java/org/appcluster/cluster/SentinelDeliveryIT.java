package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.RedisSentinel;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery suite on a single-Redis deployment with automatic failover: the nodes are given a
 * Redis Sentinel ({@code redis-sentinel://…#mymaster}), not a master. Beside delivery: a master
 * that dies is replaced by its replica, and both nodes deliver through the new master by themselves.
 */
@ExtendWith(LocalCluster.OnRedisSentinel.class)
class SentinelDeliveryIT extends ClusterDeliveryContract implements ClientIdentityContract {

    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void whenTheMasterDiesBothNodesDeliverThroughThePromotedReplica(LocalCluster cluster) {
        RedisSentinel redis = cluster.redisSentinel();
        String channel = channel("failover");
        try (SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onB.subscribe(channel, false);
            int killed = redis.killMaster();
            Waits.until("the Sentinel promoted the replica", FAILOVER_TIMEOUT,
                    () -> redis.masterPort() > 0 && redis.masterPort() != killed);

            // A node is back once both its connections are, its pattern subscription confirmed.
            Waits.until("both nodes back on Redis", FAILOVER_TIMEOUT, () -> cluster.a().redisAvailable() && cluster.b().redisAvailable());
            // Publishes made while node A has no Redis reach its own clients only (fallback:true);
            // the first one Redis takes again must reach node B, and be the first B gets.
            AtomicInteger attempt = new AtomicInteger();
            Waits.until("a publish on node A taken by the new master", FAILOVER_TIMEOUT, () -> {
                Http.Response response = publish(cluster.a(), channel, "{\"n\":" + attempt.incrementAndGet() + "}", null);
                return response.status() == 200 && !response.body().getJsonObject("data").getBoolean("fallback");
            });
            assertEquals(attempt.get(), onB.nextBroadcast().getJsonObject("data").getInt("n"));
            assertNotEquals(killed, redis.masterPort());
        }
    }
}
