package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    /**
     * Sockets send through the container's fast path unless the suite runs on the portable one.
     * On Payara a socket's frames go straight into its Grizzly connection once it is open (the
     * subscribe answer here), and through Tyrus before.
     */
    @Test
    void livenessNamesTheSendPathSocketsGet(LocalCluster cluster) throws Exception {
        try (SocketClient socket = SocketClient.connect(cluster.a(), null)) {
            socket.subscribe("view:health:send:path", false);
            JsonObject live = Http.getJson(cluster.a().healthUri("/health/live")).body();
            String expected = !LocalCluster.sendPath().equals("auto") ? "portable"
                    : ServerKind.current() == ServerKind.WILDFLY ? "undertow-batch" : "grizzly-raw";
            assertEquals(expected, check(live, "broadcast-dispatcher").getJsonObject("data").getString("sendPath"));
        }
    }

    @Test
    void everyLogLineOfTheApplicationNamesItsInstance(LocalCluster cluster) throws IOException {
        List<String> messages = applicationMessages(Files.readAllLines(cluster.b().log().toPath()));
        assertTrue(messages.stream().anyMatch(line -> line.contains("available: cluster delivery on")), "the node logged joining Redis: " + messages);
        List<String> untagged = messages.stream().filter(line -> !line.contains("[node-b] ")).toList();
        assertTrue(untagged.isEmpty(), untagged.size() + " of " + messages.size() + " lines without the tag: " + untagged);
    }

    /**
     * What the application's loggers wrote: on Payara the line after a source line naming an
     * {@code org.appcluster} class, on WildFly each line naming an {@code org.appcluster} logger.
     */
    private static List<String> applicationMessages(List<String> log) {
        Pattern payaraSource = Pattern.compile("^\\w{3} \\d{1,2}, \\d{4} .* org\\.appcluster\\.\\S+ \\S+$");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            if (payaraSource.matcher(line).matches() && i + 1 < log.size()) {
                messages.add(log.get(++i));
            } else if (line.contains(" [org.appcluster.")) {
                messages.add(line);
            }
        }
        return messages;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " check in " + health));
    }
}
