package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node that cannot get a message to its clients within {@code broadcast.max-delay-millis} does
 * not send it late: the subscriptions hear they missed messages and reload. A delay of 0 makes
 * every message too late on the node under test, while the other nodes deliver as usual.
 */
@ExtendWith(LocalCluster.Extension.class)
class OverloadIT {

    private static final String CHANNEL = "view:overloadTest:message:sent";

    @Test
    void aMessageTooLateForClientsIsSignalledNotSentLate(LocalCluster cluster) {
        try (ServerNode late = cluster.launchExtraNode("node-late", Map.of("broadcast.max-delay-millis", "0"));
             SocketClient onLate = SocketClient.connect(late, null);
             SocketClient onA = SocketClient.connect(cluster.a(), null)) {
            onLate.subscribe("view:overloadTest:*", false);
            onA.subscribe(CHANNEL, false);

            Http.Response published = Http.postJson(cluster.b().uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"n\":1}}");
            assertEquals(200, published.status(), published.text());
            assertEquals(1, onA.nextBroadcast().getJsonObject("data").getInt("n"), "a node in time delivers it");

            JsonObject recovery = onLate.next().getJsonObject("data");
            assertEquals("recovery", recovery.getString("type"), recovery.toString());
            assertEquals("view:overloadTest:*", recovery.getJsonObject("data").getString("channel"), "named by the subscription");
            assertFalse(recovery.getJsonObject("data").getBoolean("recovered"));
            assertEquals("node-overloaded", recovery.getJsonObject("data").getString("reason"));

            JsonObject live = Http.getJson(late.healthUri("/health/live")).body();
            JsonObject dispatcher = live.getJsonArray("checks").getJsonObject(0).getJsonObject("data");
            // A number on WildFly, a string on Payara.
            assertTrue(Long.parseLong(dispatcher.get("expired").toString().replace("\"", "")) >= 1, "counted: " + live);
            assertEquals(null, onLate.poll(java.time.Duration.ofMillis(500)), "and the message itself never follows");
        }
    }
}
