package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery suite on a Redis as production runs it: {@code rediss://} to a server whose
 * certificate comes from a CA made by the test ({@code redis.tls.ca-file}), signed in as an ACL
 * user with a password. Beside delivery: the nodes really connect that way, and the password shows
 * nowhere a node reports.
 */
@ExtendWith(LocalCluster.OnSecuredRedis.class)
class SecuredRedisDeliveryIT extends ClusterDeliveryContract implements ClientIdentityContract {

    @Test
    void nodesReachRedisOverTlsAsTheAclUser(LocalCluster cluster) {
        RedisProcess redis = cluster.redis();
        List<String> nodeConnections = redis.clients().stream()
                .filter(client -> client.contains(" laddr=127.0.0.1:" + redis.tlsPort() + " ")).toList();
        // Each node holds a command connection and a pub/sub connection.
        assertTrue(nodeConnections.size() >= 2 * cluster.nodes().size(), String.join("\n", redis.clients()));
        nodeConnections.forEach(client -> assertTrue(client.contains(" user=" + LocalCluster.SECURED_REDIS_USER + " "), client));
    }

    @Test
    void theRedisPasswordShowsInNoLogStatusHealthMetricsOrAdminView(LocalCluster cluster) throws Exception {
        String password = cluster.redis().userPassword();
        for (ServerNode node : cluster.nodes()) {
            assertTrue(node.redisAvailable());
            assertFalse(Files.readString(node.log().toPath()).contains(password), "the log of " + node.name());
            assertFalse(Http.getJson(node.uri("/api/1/app-cluster/broadcast/status")).text().contains(password));
            assertFalse(Http.getJson(node.healthUri("/health")).text().contains(password));
            Http.Response metrics = Http.get(node.uri("/api/1/metrics"), "Authorization", "Bearer " + LocalCluster.METRICS_TOKEN);
            assertEquals(200, metrics.status(), metrics.text());
            assertFalse(metrics.text().contains(password));
            Http.Response adminView = cluster.signInAsAdmin(node).get("/api/1/admin/cluster");
            assertEquals(200, adminView.status(), adminView.text());
            assertFalse(adminView.text().contains(password));
        }
    }
}
