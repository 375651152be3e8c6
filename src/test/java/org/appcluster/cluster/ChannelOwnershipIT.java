package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Channels the server owns: what only the server says (notices, stored to-dos, statistics) cannot
 * be forged over REST, by anyone or by an administrator, and a refused publish reaches nobody and
 * takes no place in the history. Browsers still subscribe there.
 */
@ExtendWith(LocalCluster.Extension.class)
class ChannelOwnershipIT {

    private static final String FAKE = "{\"data\":{\"message\":\"Session expired, sign in at https://evil.example\",\"critical\":true}}";

    private static Http.Response publish(ServerNode node, String channel) {
        return Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + channel), FAKE);
    }

    private static void assertForbidden(Http.Response response) {
        assertEquals(403, response.status(), response.text());
        assertEquals("FORBIDDEN_CHANNEL", response.body().getString("code"), response.text());
    }

    @Test
    void nobodyForgesTheGlobalNoticeOverRest(LocalCluster cluster) {
        try (SocketClient listener = SocketClient.connect(cluster.b(), null)) {
            listener.subscribe("view:system:*", false);
            assertForbidden(publish(cluster.a(), "view:system:notification:global"));
            Session admin = cluster.signInAsAdmin(cluster.a());
            assertForbidden(admin.post("/api/1/app-cluster/broadcast/view:system:notification:global", FAKE));

            // The real notice, stored first, is the first thing the subscriber hears.
            String message = "Real notice " + UUID.randomUUID();
            Http.Response sent = admin.post("/api/1/admin/broadcast-notification", "{\"message\":\"" + message + "\",\"level\":\"info\"}");
            assertEquals(200, sent.status(), sent.text());
            assertEquals(message, listener.nextBroadcast().getJsonObject("data").getString("message"));
        }
    }

    @Test
    void aForgedToDoChangeIsRefusedAndTakesNoPlaceInTheHistory(LocalCluster cluster) {
        try (SocketClient listener = SocketClient.connect(cluster.b(), null)) {
            JsonObject position = listener.subscribe("view:helloClusterTodo:*", false);
            long offsetBefore = position.containsKey("offset") ? position.getJsonNumber("offset").longValue() : 0;
            assertForbidden(publish(cluster.a(), "view:helloClusterTodo:list:changed"));
            assertForbidden(publish(cluster.b(), "view:dashboard:activity:update"));
            String bulk = "[{\"channel\":\"view:myApp:item:added\",\"data\":{}},{\"channel\":\"view:helloClusterTodo:item:updated\",\"data\":{}}]";
            Http.Response refusedBulk = Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast"), bulk);
            assertForbidden(refusedBulk);
            assertTrue(refusedBulk.body().getString("error").startsWith("Message 1:"), refusedBulk.text());

            Http.Response created = Http.postJson(cluster.a().uri("/api/1/helloClusterTodo"), "{\"title\":\"Real to-do\",\"user\":\"Ann\"}");
            assertEquals(200, created.status(), created.text());
            JsonObject announced = listener.nextBroadcast();
            assertEquals("created", announced.getJsonObject("data").getString("action"));
            assertEquals(offsetBefore + 1, announced.getJsonNumber("offset").longValue(), announced.toString());
        }
    }

    @Test
    void pagesStillPublishOnTheirOwnViewChannels(LocalCluster cluster) {
        String channel = "view:helloCluster:notification:sent";
        try (SocketClient listener = SocketClient.connect(cluster.b(), null)) {
            listener.subscribe(channel, false);
            Http.Response published = Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + channel), "{\"data\":{\"message\":\"hi\"}}");
            assertEquals(200, published.status(), published.text());
            assertEquals("hi", listener.nextBroadcast().getJsonObject("data").getString("message"));
        }
    }
}
