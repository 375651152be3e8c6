package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/1/app-cluster/broadcast} with an array: many messages, one request, all nodes. */
@ExtendWith(LocalCluster.Extension.class)
class BulkPublishIT {

    private static final String BULK = "/api/1/app-cluster/broadcast";

    private static String message(String channel, int n) {
        return "{\"channel\":\"" + channel + "\",\"data\":{\"n\":" + n + "}}";
    }

    @Test
    void aBulkPublishReachesSubscribersOnEveryNodeInOrder(LocalCluster cluster) {
        String prefix = "view:bulkTest:" + UUID.randomUUID().toString().substring(0, 8);
        try (SocketClient onB = SocketClient.connect(cluster.b(), null)) {
            onB.subscribe(prefix + ":*", false);
            StringBuilder body = new StringBuilder("[");
            for (int n = 0; n < 50; n++) {
                body.append(n == 0 ? "" : ",").append(message(prefix + (n % 2 == 0 ? ":even:sent" : ":odd:sent"), n));
            }
            Http.Response response = Http.postJson(cluster.a().uri(BULK), body.append("]").toString());
            assertEquals(200, response.status(), response.text());
            assertEquals(50, response.body().getJsonObject("data").getInt("count"));
            assertEquals(0, response.body().getJsonObject("data").getInt("localOnly"));
            assertFalse(response.body().getJsonObject("data").getBoolean("fallback"));
            for (int n = 0; n < 50; n++) {
                assertEquals(n, onB.nextBroadcast().getJsonObject("data").getInt("n"), "every message, in order");
            }
        }
    }

    @Test
    void oneBadMessageRefusesTheWholeRequestAndPublishesNothing(LocalCluster cluster) {
        String channel = "view:bulkTest:" + UUID.randomUUID().toString().substring(0, 8) + ":sent";
        try (SocketClient onA = SocketClient.connect(cluster.a(), null)) {
            onA.subscribe(channel, false);
            Http.Response badChannel = Http.postJson(cluster.a().uri(BULK),
                    "[" + message(channel, 1) + ",{\"channel\":\"nope\",\"data\":{}}]");
            assertEquals(400, badChannel.status(), badChannel.text());
            assertEquals("INVALID_CHANNEL_NAME", badChannel.body().getString("code"));
            assertTrue(badChannel.body().getString("error").startsWith("Message 1: "), badChannel.text());

            Http.Response forbidden = Http.postJson(cluster.a().uri(BULK),
                    "[" + message(channel, 2) + "," + message("controller:bulkTest:cache:flush", 3) + "]");
            assertEquals(403, forbidden.status(), "anonymous callers may not publish on controller: channels");

            assertEquals(400, Http.postJson(cluster.a().uri(BULK), "[]").status(), "an empty bulk is refused");
            assertEquals(400, Http.postJson(cluster.a().uri(BULK), "{\"channel\":\"" + channel + "\"}").status(), "not an array");
            assertEquals(400, Http.postJson(cluster.a().uri(BULK), "[1]").status(), "not an object");

            Http.Response good = Http.postJson(cluster.a().uri(BULK), "[" + message(channel, 4) + "]");
            assertEquals(200, good.status(), good.text());
            assertEquals(4, onA.nextBroadcast().getJsonObject("data").getInt("n"), "nothing of the refused requests arrived first");
            assertEquals(null, onA.poll(Duration.ofMillis(200)));
        }
    }
}
