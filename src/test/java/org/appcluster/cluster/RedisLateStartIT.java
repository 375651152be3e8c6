package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.appcluster.support.FreePorts;
import org.appcluster.support.Http;
import org.appcluster.support.ServerNode;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;

/**
 * A node whose Redis is not there when it starts: it serves locally, warns once however many
 * messages it handles, and joins the cluster by itself when Redis appears.
 */
class RedisLateStartIT {

    private static final String CHANNEL = "view:lateStartTest:message:sent";

    @Test
    void aNodeStartedBeforeRedisServesLocallyAndJoinsWhenRedisAppears() throws IOException {
        int redisPort = FreePorts.next();
        String password = "pw-" + UUID.randomUUID();
        try (ServerNode node = ServerNode.launch("node-late", Map.of("redis.uri", "redis://:" + password + "@127.0.0.1:" + redisPort)).awaitReady();
             SocketClient client = SocketClient.connect(node, null)) {
            client.subscribe(CHANNEL, false);
            for (int n = 1; n <= 5; n++) {
                Http.Response response = publish(node, n);
                assertTrue(response.body().getJsonObject("data").getBoolean("fallback"), response.text());
                assertEquals(n, client.nextBroadcast().getJsonObject("data").getInt("n"));
            }
            assertFalse(node.redisAvailable());
            assertEquals(1, countLines(node.log(), "unreachable"), "one warning for the outage, not one per message");

            try (RedisProcess redis = RedisProcess.startOn(redisPort, node.log().getParentFile(), password)) {
                Waits.until("the node joins Redis", Duration.ofSeconds(10), node::redisAvailable);
                Http.Response response = publish(node, 6);
                assertFalse(response.body().getJsonObject("data").getBoolean("fallback"), response.text());
                assertEquals(6, client.nextBroadcast().getJsonObject("data").getInt("n"));
                assertEquals(1, countLines(node.log(), "available: cluster delivery on"));
            }
            // The Redis password is masked in the log and never part of status or health.
            assertEquals(0, countLines(node.log(), password));
            assertTrue(countLines(node.log(), "redis://***@127.0.0.1:" + redisPort) > 0);
            assertFalse(Http.getJson(node.healthUri("/health")).text().contains(password));
            assertFalse(Http.getJson(node.uri("/api/1/app-cluster/broadcast/status")).text().contains(password));
        }
    }

    private static Http.Response publish(ServerNode node, int n) {
        return Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"n\":" + n + "}}");
    }

    private static long countLines(File log, String text) throws IOException {
        try (var lines = Files.lines(log.toPath())) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }
}
