package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.ServerNode;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of bad input gets a clear error on its own connection; the socket stays open, other
 * clients keep receiving and the node keeps serving.
 */
@ExtendWith(LocalCluster.Extension.class)
class BadInputIT {

    private static final String CHANNEL = "view:badInputTest:message:sent";

    @Test
    void badSocketFramesGetErrorFramesAndTheSocketStaysOpen(LocalCluster cluster) {
        ServerNode node = cluster.a();
        try (SocketClient bystander = SocketClient.connect(node, null);
             SocketClient client = SocketClient.connect(node, null)) {
            bystander.subscribe(CHANNEL, false);

            client.send("x".repeat(70_000));
            client.nextError("MESSAGE_TOO_LARGE");
            client.send("{not json");
            client.nextError("INVALID_MESSAGE");
            client.send("[1,2]");
            client.nextError("INVALID_MESSAGE");
            client.send("{\"type\":\"shout\"}");
            client.nextError("UNKNOWN_TYPE");
            client.send("{\"type\":\"subscribe\",\"channel\":\"view:no\"}");
            client.nextError("INVALID_CHANNEL");
            client.send("{\"type\":\"subscribe\",\"channel\":\"view:a:b:c\",\"omitSelf\":\"yes\"}");
            client.nextError("INVALID_MESSAGE");
            client.send("{\"type\":\"subscribe\",\"channel\":\"controller:a:b:c\"}");
            client.nextError("FORBIDDEN_CHANNEL");

            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.next().getJsonObject("data").getString("type"));
            client.subscribe(CHANNEL, false);

            Http.Response published = Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{\"n\":1}}");
            assertEquals(200, published.status());
            assertEquals(1, bystander.nextBroadcast().getJsonObject("data").getInt("n"));
            assertEquals(1, client.nextBroadcast().getJsonObject("data").getInt("n"));
        }
    }

    @Test
    void floodingTheSocketIsRateLimitedWithoutClosingIt(LocalCluster cluster) {
        try (SocketClient client = SocketClient.connect(cluster.b(), null)) {
            for (int i = 0; i < 80; i++) {
                client.send("{\"type\":\"ping\"}");
            }
            int pongs = 0;
            JsonObject frame = client.next();
            while (frame.getBoolean("success")) {
                pongs++;
                frame = client.next();
            }
            assertEquals("RATE_LIMIT_EXCEEDED", frame.getString("code"));
            assertTrue(pongs <= 50, "at most 50 messages a second are answered, got " + pongs);
            assertTrue(client.isOpen());
            // Once the interval has passed the client is served again.
            Waits.until("a pong after the rate window", SocketClient.TIMEOUT, () -> {
                client.send("{\"type\":\"ping\"}");
                JsonObject answer = client.poll(Duration.ofMillis(300));
                return answer != null && answer.getBoolean("success");
            });
        }
    }

    @Test
    void floodingRestPublishIsRateLimitedPerClientAndNobodySpendsAnothersLimit(LocalCluster cluster) {
        URI uri = cluster.a().uri("/api/1/app-cluster/broadcast/" + CHANNEL);
        try (SocketClient flooder = SocketClient.connect(cluster.a(), null);
             SocketClient victim = SocketClient.connect(cluster.b(), null);
             SocketClient another = SocketClient.connect(cluster.b(), null)) {
            String asFlooder = "{\"data\":{\"n\":%d},\"uuid\":\"" + flooder.clientId() + "\"}";
            java.util.List<Http.Response> responses = java.util.stream.IntStream.range(0, 40)
                    .mapToObj(i -> Http.postJson(uri, asFlooder.formatted(i), "X-Client-Token", flooder.clientToken())).toList();
            Http.Response limited = responses.stream().filter(r -> r.status() == 429).findFirst()
                    .orElseThrow(() -> new AssertionError("40 publishes from one client were all accepted"));
            assertError(limited, 429, "RATE_LIMIT_EXCEEDED");
            assertEquals(200, Http.postJson(uri, "{\"data\":{},\"uuid\":\"" + another.clientId() + "\"}", "X-Client-Token",
                    another.clientToken()).status());

            // The victim's uuid without its token counts for nobody: the victim's own limit is untouched.
            String asVictim = "{\"data\":{},\"uuid\":\"" + victim.clientId() + "\"}";
            java.util.stream.IntStream.range(0, 40).forEach(i -> Http.postJson(uri, asVictim));
            assertEquals(200, Http.postJson(uri, asVictim, "X-Client-Token", victim.clientToken()).status());
        }
    }

    @Test
    void badRestRequestsGetJsonErrors(LocalCluster cluster) {
        ServerNode node = cluster.b();
        assertError(Http.postJson(node.uri("/api/1/app-cluster/broadcast/view:bad"), "{\"data\":{}}"), 400, "INVALID_CHANNEL_NAME");
        assertError(Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":[1]}"), 400, "INVALID_DATA");
        assertError(Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"nodata\":true}"), 400, "INVALID_DATA");
        assertError(Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":"), 400, "INVALID_JSON");
        assertError(Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), "{\"data\":{},\"uuid\":7}"), 400, "INVALID_UUID");
        String huge = "{\"data\":{\"text\":\"" + "x".repeat(70_000) + "\"}}";
        assertError(Http.postJson(node.uri("/api/1/app-cluster/broadcast/" + CHANNEL), huge), 413, "PAYLOAD_TOO_LARGE");
        assertError(cluster.signInAsAdmin(node).post("/api/1/admin/broadcast-notification", "{\"message\":\"\",\"level\":\"loud\"}"),
                400, "VALIDATION_ERROR");
        // Records bound by JSON-B and checked by Bean Validation, with the same error body.
        Http.Response wrongType = Http.postJson(node.uri("/api/1/helloClusterTodo"), "{\"title\":5}");
        assertError(wrongType, 400, "VALIDATION_ERROR");
        assertEquals("title: must be a string", wrongType.body().getString("error"));
        Http.Response tooLong = Http.postJson(node.uri("/api/1/auth/signin"), "{\"username\":\"" + "u".repeat(101) + "\",\"password\":\"\"}");
        assertError(tooLong, 400, "VALIDATION_ERROR");
        assertEquals("password: is required; username: must be at most 100 characters", tooLong.body().getString("error"));
        assertError(Http.postJson(node.uri("/api/1/helloClusterTodo"), ""), 400, "INVALID_JSON");
        assertError(Http.postJson(node.uri("/api/1/helloClusterTodo"), "[]"), 400, "INVALID_JSON");
        assertError(Http.request("PUT", node.uri("/api/1/helloClusterTodo/000000000000000000000000/toggle"), "{\"uuid\":\"no spaces\"}"),
                400, "VALIDATION_ERROR");
        assertError(Http.getJson(node.uri("/api/1/no-such-thing")), 404, "NOT_FOUND");
        assertEquals(200, Http.getStatus(node.uri("/api/1/app-cluster/broadcast/status")));
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals(false, response.body().getBoolean("success"));
        assertEquals(code, response.body().getString("code"), response.text());
        assertTrue(response.body().getString("error").length() > 0);
        assertTrue(response.body().containsKey("path"));
    }
}
