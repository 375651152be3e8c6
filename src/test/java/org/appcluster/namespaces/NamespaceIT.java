package org.appcluster.namespaces;

import static org.appcluster.namespaces.NamespaceDeliveryContract.message;
import static org.appcluster.namespaces.NamespaceDeliveryContract.textOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.UUID;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.NamespaceSocket;
import org.appcluster.support.RawHttp;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WebSocket namespaces on two nodes and one Redis, through the demo's {@code /api/1/ws/hello}
 * (anyone) and {@code /api/1/ws/admin-notices} (admins): what {@link NamespaceDeliveryContract}
 * checks across nodes, and the connected frame, requests, refused handshakes, bad input and a
 * Redis outage.
 */
@ExtendWith(LocalCluster.Extension.class)
class NamespaceIT implements NamespaceDeliveryContract {

    @Test
    void theConnectedFrameNamesTheClientTheNamespaceItsLimitsAndTheUser(LocalCluster cluster) {
        String uuid = UUID.randomUUID().toString();
        try (NamespaceSocket anonymous = NamespaceSocket.open(cluster.a(), HELLO, uuid);
             NamespaceSocket signedIn = NamespaceSocket.open(Session.signIn(cluster.b(), LocalCluster.USER, LocalCluster.USER_PASSWORD),
                     cluster.b(), HELLO, null)) {
            JsonObject data = anonymous.connectedFrame().getJsonObject("data");
            assertEquals(uuid, data.getString("clientId"));
            assertEquals(HELLO, data.getString("namespace"));
            assertEquals(Json.createObjectBuilder().add("maxSize", 65536).add("interval", 1000).add("maxMessages", 50).build(),
                    data.getJsonObject("limits"));
            assertEquals("", data.getJsonObject("ctx").getString("username"));
            assertEquals(LocalCluster.USER, signedIn.connectedFrame().getJsonObject("data").getJsonObject("ctx").getString("username"));
        }
    }

    @Test
    void requestsAreAnsweredWithRepliesErrorsOrNoReplyAndTheSocketStaysOpen(LocalCluster cluster) {
        try (NamespaceSocket client = NamespaceSocket.open(cluster.a(), HELLO, null)) {
            JsonObject time = client.request(Json.createObjectBuilder().add("type", "time").build());
            assertTrue(time.getBoolean("success"), time.toString());
            assertEquals("node-a", time.getJsonObject("data").getString("instanceId"));

            JsonObject quotient = client.request(Json.createObjectBuilder().add("type", "divide").add("a", 7).add("b", 2).build());
            assertEquals(3, quotient.getJsonObject("data").getInt("result"));

            JsonObject failed = client.request(Json.createObjectBuilder().add("type", "divide").add("a", 7).add("b", 0).build());
            assertFalse(failed.getBoolean("success"));
            assertEquals("HANDLER_ERROR", failed.getString("code"));
            assertFalse(failed.getString("error").contains("Arithmetic"), "no exception detail goes to the client: " + failed);

            JsonObject invalid = client.request(Json.createObjectBuilder().add("type", "divide").add("a", "seven").add("b", 2).build());
            assertEquals("INVALID_MESSAGE", invalid.getString("code"));

            JsonObject unanswered = client.request(Json.createObjectBuilder().add("type", "no-such-type").build());
            assertFalse(unanswered.getBoolean("success"));
            assertEquals("NO_REPLY", unanswered.getString("code"));

            client.send(Json.createObjectBuilder().add("type", "ping").build());
            client.nextOfType("pong");

            assertTrue(client.isOpen());
            assertTrue(client.request(Json.createObjectBuilder().add("type", "time").build()).getBoolean("success"));
        }
    }

    @Test
    void badFramesAndFloodsAreAnsweredWithTheirCodes(LocalCluster cluster) {
        try (NamespaceSocket client = NamespaceSocket.open(cluster.b(), HELLO, null)) {
            client.send("{not json");
            assertEquals("INVALID_MESSAGE", nextError(client).getString("code"));
            client.send("[1,2]");
            assertEquals("INVALID_MESSAGE", nextError(client).getString("code"));
            client.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals("MESSAGE_TOO_LARGE", nextError(client).getString("code"));
            client.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(501) + "\"}");
            assertEquals("INVALID_MESSAGE", nextError(client).getString("code"));
            client.send("{\"type\":\"time\",\"requestId\":17}");
            assertEquals("INVALID_MESSAGE", nextError(client).getString("code"));

            for (int i = 0; i < 60; i++) {
                client.send("{\"type\":\"flood\"}");
            }
            assertEquals("RATE_LIMIT_EXCEEDED", nextError(client).getString("code"));
            Waits.until("the rate window passed and a request is answered again", Duration.ofSeconds(5),
                    () -> client.request(Json.createObjectBuilder().add("type", "time").build()).getBoolean("success"));
            assertTrue(client.isOpen());
        }
    }

    private static JsonObject nextError(NamespaceSocket client) {
        return client.next(frame -> !frame.getBoolean("success", true));
    }

    @Test
    void refusedHandshakesGetAnHttpStatusWithAJsonError(LocalCluster cluster) {
        ServerNode node = cluster.a();
        RawHttp.Response anonymous = handshake(node, NOTICES, null, null);
        assertEquals(401, anonymous.status(), anonymous.text());
        assertEquals("UNAUTHORIZED", errorCode(anonymous));

        Session user = Session.signIn(node, LocalCluster.USER, LocalCluster.USER_PASSWORD);
        RawHttp.Response withoutRole = handshake(node, NOTICES, user.cookieHeader(), null);
        assertEquals(403, withoutRole.status(), withoutRole.text());
        assertEquals("FORBIDDEN", errorCode(withoutRole));

        RawHttp.Response unknown = handshake(node, "/api/1/ws/no-such-namespace", null, null);
        assertEquals(404, unknown.status(), unknown.text());
        assertEquals("NOT_FOUND", errorCode(unknown));

        RawHttp.Response otherSite = handshake(node, HELLO, null, "https://evil.example");
        assertEquals(403, otherSite.status(), otherSite.text());

        try (NamespaceSocket adminSocket = NamespaceSocket.open(cluster.signInAsAdmin(node), node, NOTICES, null)) {
            assertEquals(LocalCluster.ADMIN, adminSocket.connectedFrame().getJsonObject("data").getJsonObject("ctx").getString("username"));
        }
    }

    private static RawHttp.Response handshake(ServerNode node, String path, String cookie, String origin) {
        java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of("Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
        if (cookie != null) {
            headers.add("Cookie: " + cookie);
        }
        if (origin != null) {
            headers.add("Origin: " + origin);
        }
        return RawHttp.from("127.0.0.1", node, "GET", path, null, headers.toArray(String[]::new));
    }

    private static String errorCode(RawHttp.Response response) {
        return Json.createReader(new StringReader(response.text())).readObject().getString("code");
    }

    @Test
    void withoutRedisANodesNamespacesWorkLocallyAndRejoinWhenRedisReturns(LocalCluster cluster) {
        try (NamespaceSocket onA = NamespaceSocket.open(cluster.a(), HELLO, null);
             NamespaceSocket onB = NamespaceSocket.open(cluster.b(), HELLO, null)) {
            cluster.redis().stop();
            try {
                Waits.until("both nodes report Redis unavailable", SocketClient.TIMEOUT,
                        () -> !cluster.a().redisAvailable() && !cluster.b().redisAvailable());
                onA.send(message("message", "local only"));
                assertEquals("local only", textOf(onA.nextOfType("message")));
                JsonObject time = onA.request(Json.createObjectBuilder().add("type", "time").build());
                assertTrue(time.getBoolean("success"), time.toString());
            } finally {
                cluster.redis().restart();
                Waits.until("both nodes rejoin Redis", Duration.ofSeconds(10), () -> cluster.a().redisAvailable() && cluster.b().redisAvailable());
            }
            onA.send(message("message", "clustered again"));
            assertEquals("clustered again", textOf(onA.nextOfType("message")));
            JsonObject first = onB.nextOfType("message");
            assertEquals("clustered again", textOf(first), "node B never saw the local-only message");
            assertNull(onB.poll(Duration.ofMillis(200)), "and nothing after");
        }
    }
}
