package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerKind;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Health at the server's standard endpoints, as a load balancer reads it. */
@ExtendWith(LocalCluster.Extension.class)
class HealthIT {

    @Test
    void livenessAndReadinessReportTheDispatcherRedisAndMongo(LocalCluster cluster) {
        Http.Response live = Http.getJson(cluster.a().healthUri("/health/live"));
        assertEquals(200, live.status(), live.text());
        assertTrue(live.text().contains("broadcast-dispatcher"), live.text());

        Http.Response ready = Http.getJson(cluster.b().healthUri("/health/ready"));
        assertEquals(200, ready.status(), ready.text());
        assertEquals("UP", ready.body().getString("status"));
        JsonObject redis = check(ready.body(), "redis");
        assertEquals("cluster", redis.getJsonObject("data").getString("delivery"));
        assertEquals("node-b", redis.getJsonObject("data").getString("instanceId"));
        assertEquals("UP", check(ready.body(), "mongodb").getString("status"));
    }

    /** Sockets send through the container's fast path unless the suite runs on the portable one. */
    @Test
    void livenessNamesTheSendPathSocketsGet(LocalCluster cluster) throws Exception {
        try (SocketClient socket = SocketClient.connect(cluster.a(), null)) {
            JsonObject live = Http.getJson(cluster.a().healthUri("/health/live")).body();
            String expected = !LocalCluster.sendPath().equals("auto") ? "portable"
                    : ServerKind.current() == ServerKind.WILDFLY ? "undertow-batch" : "tyrus-raw";
            assertEquals(expected, check(live, "broadcast-dispatcher").getJsonObject("data").getString("sendPath"));
        }
    }

    @Test
    void everyLogLineOfTheApplicationNamesItsInstance(LocalCluster cluster) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(cluster.b().log().toPath()).stream()
                .filter(line -> line.contains("available: cluster delivery on")).toList();
        assertTrue(!lines.isEmpty(), "the node logged joining Redis");
        assertTrue(lines.stream().allMatch(line -> line.contains("[node-b] ")), lines.toString());
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " check in " + health));
    }
}
