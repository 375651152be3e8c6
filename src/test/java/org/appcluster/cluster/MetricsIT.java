package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.NamespaceSocket;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node's numbers in Prometheus text at /api/1/metrics, the same on Payara and WildFly. */
@ExtendWith(LocalCluster.Extension.class)
class MetricsIT {

    private static final String CHANNEL = "view:metricsTest:message:sent";
    private static final String HISTOGRAM = "app_cluster_publish_to_send_seconds";

    private static String scrape(ServerNode node) {
        Http.Response response = Http.get(node.uri("/api/1/metrics"), "Authorization", "Bearer " + LocalCluster.METRICS_TOKEN);
        assertEquals(200, response.status(), response.text());
        // Prometheus's text format, whatever order the server puts the type's parameters in.
        assertTrue(response.contentType().startsWith("text/plain") && response.contentType().contains("version=0.0.4"),
                response.contentType());
        return response.text();
    }

    /** The value of one sample, e.g. {@code name} or {@code name_bucket{le="+Inf"}}. */
    private static double sample(String text, String sample) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.eE+-]+)$").matcher(text);
        assertTrue(value.find(), sample + " not in the scrape:\n" + text);
        return Double.parseDouble(value.group(1));
    }

    private static double sample(ServerNode node, String sample) {
        return sample(scrape(node), sample);
    }

    @Test
    void eachFamilyHasItsTypeAndTheCountsFollowTheTraffic(LocalCluster cluster) {
        ServerNode node = cluster.a();
        String before = scrape(node);
        assertTrue(before.contains("# TYPE app_cluster_broadcasts_published_total counter\n"), before);
        assertTrue(before.contains("# TYPE app_cluster_frames_sent_total counter\n"), before);
        assertTrue(before.contains("# TYPE app_cluster_connections gauge\n"), before);
        assertTrue(before.contains("# TYPE app_cluster_dispatcher_queue gauge\n"), before);
        assertTrue(before.contains("# TYPE " + HISTOGRAM + " histogram\n"), before);
        assertEquals(1.0, sample(before, "app_cluster_redis_available"));
        double published = sample(before, "app_cluster_broadcasts_published_total");
        double sent = sample(before, "app_cluster_frames_sent_total");
        double timed = sample(before, HISTOGRAM + "_count");

        double open;
        try (SocketClient client = SocketClient.connect(node, null)) {
            client.subscribe(CHANNEL, false);
            // Sockets of earlier tests may still be closing, so the gauge is compared with itself.
            open = sample(node, "app_cluster_connections");
            assertTrue(open >= 1, "this test's socket is counted");
            for (int n = 1; n <= 3; n++) {
                assertEquals(200, Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"n\":" + n + "}}").status());
            }
            for (int n = 1; n <= 3; n++) {
                assertEquals(n, client.nextBroadcast().getJsonObject("data").getInt("n"));
            }
            // Writes are counted as they complete, a moment after the client may have read them.
            Waits.until("the three frames counted as sent", SocketClient.TIMEOUT,
                    () -> sample(node, "app_cluster_frames_sent_total") >= sent + 3);
            String after = scrape(node);
            assertTrue(sample(after, "app_cluster_broadcasts_published_total") >= published + 3);
            double count = sample(after, HISTOGRAM + "_count");
            assertTrue(count >= timed + 3, "three more publish-to-send times: " + timed + " then " + count);
            assertEquals(count, sample(after, HISTOGRAM + "_bucket{le=\"+Inf\"}"));
            assertTrue(sample(after, HISTOGRAM + "_bucket{le=\"0.001\"}") <= sample(after, HISTOGRAM + "_bucket{le=\"10\"}"));
            assertEquals(0.0, sample(after, "app_cluster_broadcasts_dropped_total"));
            // Three broadcasts on an idle node: the dispatcher has taken each by the time it was sent.
            assertEquals(0.0, sample(after, "app_cluster_dispatcher_queue"));
        }
        Waits.until("the closed socket no longer counted", SocketClient.TIMEOUT,
                () -> sample(node, "app_cluster_connections") <= open - 1);
    }

    @Test
    void onlyTheScrapeTokenOrAnAdminMayRead(LocalCluster cluster) {
        ServerNode node = cluster.b();
        Http.Response anonymous = Http.getJson(node.uri("/api/1/metrics"));
        assertEquals(401, anonymous.status(), anonymous.text());
        assertEquals("UNAUTHORIZED", anonymous.body().getString("code"));
        assertEquals(401, Http.get(node.uri("/api/1/metrics"), "Authorization", "Bearer wrong-" + LocalCluster.METRICS_TOKEN).status());
        Http.Response admin = cluster.signInAsAdmin(node).get("/api/1/metrics");
        assertEquals(200, admin.status(), admin.text());
        assertTrue(admin.text().contains("# TYPE app_cluster_connections gauge"));
    }

    @Test
    void namespaceSocketsAreCountedWhileTheyAreOpen(LocalCluster cluster) {
        ServerNode node = cluster.b();
        double open;
        try (NamespaceSocket socket = NamespaceSocket.open(node, "/api/1/ws/hello", null)) {
            open = sample(node, "app_cluster_namespace_connections");
            assertTrue(open >= 1, "this test's namespace socket is counted");
        }
        Waits.until("the closed namespace socket no longer counted", SocketClient.TIMEOUT,
                () -> sample(node, "app_cluster_namespace_connections") <= open - 1);
    }
}
