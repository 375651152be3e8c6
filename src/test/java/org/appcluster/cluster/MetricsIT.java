package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node's numbers in Prometheus text at Payara's standard /metrics endpoint. */
@ExtendWith(LocalCluster.Extension.class)
class MetricsIT {

    private static final String CHANNEL = "view:metricsTest:message:sent";

    private static double metric(ServerNode node, String name) {
        String text = Http.getJson(node.healthUri("/metrics")).text();
        Matcher value = Pattern.compile("(?m)^\\S*" + name + "(\\{[^}]*})?\\s+([0-9.eE+-]+)$").matcher(text);
        assertTrue(value.find(), name + " not in /metrics");
        return Double.parseDouble(value.group(2));
    }

    @Test
    void countsConnectionsPublishesDeliveriesAndRedisState(LocalCluster cluster) {
        ServerNode node = cluster.a();
        assertEquals(1.0, metric(node, "app_cluster_redis_available"));
        double published = metric(node, "app_cluster_broadcasts_published_total");
        double sent = metric(node, "app_cluster_frames_sent_total");
        try (SocketClient client = SocketClient.connect(node, null)) {
            client.subscribe(CHANNEL, false);
            assertTrue(metric(node, "app_cluster_connections") >= 1);
            Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{}}");
            client.nextBroadcast();
            assertTrue(metric(node, "app_cluster_broadcasts_published_total") > published);
            Waits.until("the frame counted", SocketClient.TIMEOUT, () -> metric(node, "app_cluster_frames_sent_total") > sent);
            assertTrue(metric(node, "app_cluster_publish_to_send_count") >= 1);
            assertTrue(metric(node, "app_cluster_broadcasts_delivered_total") >= 1);
            assertEquals(0.0, metric(node, "app_cluster_broadcasts_dropped_total"));
            assertTrue(metric(node, "app_cluster_slow_consumers_closed_total") >= 0, "the slow-consumer count is exported");
        }
    }
}
