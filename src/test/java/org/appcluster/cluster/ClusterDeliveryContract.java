package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;

/**
 * Two real nodes and a real Redis: a message published on one node reaches browsers on both. Run
 * on one {@code redis-server} ({@link ClusterDeliveryIT}), on a Redis Cluster
 * ({@link RedisClusterDeliveryIT}), on a Redis reached over TLS as an ACL user
 * ({@link SecuredRedisDeliveryIT}) and behind a Redis Sentinel ({@link SentinelDeliveryIT}), with
 * {@link ClientIdentityContract}.
 */
abstract class ClusterDeliveryContract {

    static String channel(String action) {
        return "view:deliveryTest:" + UUID.randomUUID().toString().substring(0, 8) + ":" + action;
    }

    /** Publishes over REST; as {@code sender} (its uuid and token), or anonymously when null. */
    static Http.Response publish(ServerNode node, String channel, String dataJson, SocketClient sender) {
        URI uri = node.uri("/api/1/app-cluster/broadcast/" + channel);
        if (sender == null) {
            return Http.postJson(uri, "{\"data\":" + dataJson + "}");
        }
        return Http.postJson(uri, "{\"data\":" + dataJson + ",\"uuid\":\"" + sender.clientId() + "\"}", "X-Client-Token", sender.clientToken());
    }

    @Test
    void restPublishOnOneNodeReachesClientsOnBothNodesExactlyOnce(LocalCluster cluster) {
        String channel = channel("changed");
        try (SocketClient onA = SocketClient.connect(cluster.a(), null);
             SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onA.subscribe(channel, false);
            onB.subscribe(channel, false);
            onB.subscribe(channel.substring(0, channel.lastIndexOf(':')) + ":*", false);

            Http.Response response = publish(cluster.a(), channel, "{\"n\":1}", null);
            assertEquals(200, response.status(), response.text());
            assertFalse(response.body().getJsonObject("data").getBoolean("fallback"));
            assertEquals(cluster.a().name(), response.body().getJsonObject("data").getString("instanceId"));
            publish(cluster.a(), channel, "{\"n\":2}", null);

            for (SocketClient client : new SocketClient[] {onA, onB}) {
                JsonObject first = client.nextBroadcast();
                assertEquals(channel, first.getString("channel"));
                assertEquals(1, first.getJsonObject("data").getInt("n"));
                assertTrue(first.containsKey("timestamp") && first.containsKey("id"));
                // The next frame is the second message, not a copy of the first.
                assertEquals(2, client.nextBroadcast().getJsonObject("data").getInt("n"));
            }
        }
    }

    @Test
    void serverSidePublishAfterAStoredWriteReachesBothNodes(LocalCluster cluster) {
        try (SocketClient onA = SocketClient.connect(cluster.a(), null);
             SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onA.subscribe("view:system:notification:global", false);
            onB.subscribe("view:system:notification:*", false);

            Http.Response response = cluster.signInAsAdmin(cluster.b()).post("/api/1/admin/broadcast-notification",
                    "{\"message\":\"Maintenance at noon\",\"level\":\"warning\"}");
            assertEquals(200, response.status(), response.text());
            String id = response.body().getJsonObject("data").getString("id");

            for (SocketClient client : new SocketClient[] {onA, onB}) {
                JsonObject notification = client.nextBroadcast().getJsonObject("data");
                assertEquals(id, notification.getString("id"));
                assertEquals("Maintenance at noon", notification.getString("message"));
                assertFalse(notification.getBoolean("critical"));
            }
        }
    }

    @Test
    void browsersCannotUseControllerOrModelChannels(LocalCluster cluster) {
        try (SocketClient client = SocketClient.connect(cluster.a(), null)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"controller:health:metrics:x\"}");
            client.nextError("FORBIDDEN_CHANNEL");
            client.send("{\"type\":\"subscribe\",\"channel\":\"model:*\"}");
            client.nextError("FORBIDDEN_CHANNEL");
            client.send("{\"type\":\"subscribe\",\"channel\":\"*\"}");
            client.nextError("FORBIDDEN_CHANNEL");
        }
        Http.Response response = publish(cluster.a(), "controller:myApp:cache:refresh", "{}", null);
        assertEquals(403, response.status());
        assertEquals("FORBIDDEN_CHANNEL", response.body().getString("code"));
    }

    /** A channel kept by the test nodes' {@code view:historyTest:*} history, unique to one test. */
    static String historyChannel(String action) {
        return "view:historyTest:t" + UUID.randomUUID().toString().substring(0, 8) + ":" + action;
    }

    @Test
    void aClientThatReconnectsGetsWhatItMissedOnceAndInOrderThenLiveMessages(LocalCluster cluster) {
        String channel = historyChannel("added");
        String pattern = channel.substring(0, channel.lastIndexOf(':')) + ":*";
        String epoch;
        long lastSeen;
        try (SocketClient first = SocketClient.connect(cluster.b(), null)) {
            JsonObject answer = first.subscribe(pattern, false);
            assertTrue(answer.containsKey("epoch") && answer.containsKey("offset"), answer.toString());
            assertEquals(200, publish(cluster.a(), channel, "{\"n\":1}", null).status());
            JsonObject received = first.nextBroadcast();
            assertEquals(1, received.getJsonObject("data").getInt("n"));
            epoch = received.getString("epoch");
            lastSeen = received.getJsonNumber("offset").longValue();
            assertEquals(answer.getString("epoch"), epoch);
            assertTrue(lastSeen > answer.getJsonNumber("offset").longValue());
        }
        // Missed while away, published on the other node.
        for (int n = 2; n <= 4; n++) {
            assertEquals(200, publish(cluster.a(), channel, "{\"n\":" + n + "}", null).status());
        }
        try (SocketClient again = SocketClient.connect(cluster.b(), null)) {
            SocketClient.Resumed resumed = again.resume(pattern, epoch, lastSeen);
            assertTrue(resumed.answer().getBoolean("recovered"), resumed.answer().toString());
            assertEquals(List.of(2, 3, 4), resumed.replayed().stream().map(m -> m.getJsonObject("data").getInt("n")).toList());
            long previous = lastSeen;
            for (JsonObject message : resumed.replayed()) {
                assertTrue(message.getJsonNumber("offset").longValue() > previous, "offsets increase");
                previous = message.getJsonNumber("offset").longValue();
            }
            assertEquals(previous, resumed.answer().getJsonNumber("offset").longValue(), "the answer says where the replay ended");
            publish(cluster.a(), channel, "{\"n\":5}", null);
            // Live again: the next message, not a replayed copy.
            assertEquals(5, again.nextBroadcast().getJsonObject("data").getInt("n"));
        }
    }

    @Test
    void aClientWhoseHistoryIsGoneIsToldItDidNotRecover(LocalCluster cluster) {
        String pattern = historyChannel("x").replaceFirst(":x$", ":*");
        try (SocketClient client = SocketClient.connect(cluster.a(), null)) {
            SocketClient.Resumed unknownEpoch = client.resume(pattern, "no-such-epoch", 3);
            assertFalse(unknownEpoch.answer().getBoolean("recovered"));
            assertTrue(unknownEpoch.replayed().isEmpty());
            assertTrue(unknownEpoch.answer().containsKey("epoch"), "tells where the history stands now");
        }
        try (SocketClient client = SocketClient.connect(cluster.a(), null)) {
            // Not a history channel: nothing can be resumed, and the client is told so.
            SocketClient.Resumed noHistory = client.resume(channel("changed"), "e", 1);
            assertFalse(noHistory.answer().getBoolean("recovered"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"" + pattern + "\",\"since\":{\"epoch\":\"e\",\"offset\":-1}}");
            client.nextError("INVALID_MESSAGE");
        }
    }
}
