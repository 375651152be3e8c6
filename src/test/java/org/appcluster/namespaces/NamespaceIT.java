package org.appcluster.namespaces;

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
 * WebSocket namespaces across two nodes and Redis, through the demo's {@code /api/1/ws/hello}
 * (anyone) and {@code /api/1/ws/admin-notices} (admins): messages, whispers, requests both ways,
 * per-user delivery, refused handshakes, bad input, and a Redis outage.
 */
@ExtendWith(LocalCluster.Extension.class)
class NamespaceIT {

    private static final String HELLO = "/api/1/ws/hello";
    private static final String NOTICES = "/api/1/ws/admin-notices";

    private static JsonObject message(String type, String text) {
        return Json.createObjectBuilder().add("type", type).add("text", text).build();
    }

    private static String textOf(JsonObject frame) {
        return frame.getJsonObject("data").getString("text");
    }

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
    void aMessageReachesEveryClientOnBothNodesExactlyOnceWithTheSendersName(LocalCluster cluster) {
        Session user = Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        try (NamespaceSocket sender = NamespaceSocket.open(user, cluster.a(), HELLO, null);
             NamespaceSocket onA = NamespaceSocket.open(cluster.a(), HELLO, null);
             NamespaceSocket onB = NamespaceSocket.open(cluster.b(), HELLO, null)) {
            String first = "first " + UUID.randomUUID();
            String second = "second " + UUID.randomUUID();
            sender.send(message("message", first));
            sender.send(message("message", second));
            for (NamespaceSocket client : new NamespaceSocket[] {sender, onA, onB}) {
                JsonObject one = client.nextOfType("message");
                assertEquals(first, textOf(one), "the first message, once");
                assertEquals(LocalCluster.USER, one.getJsonObject("data").getJsonObject("ctx").getString("username"));
                assertEquals(sender.clientId(), one.getJsonObject("data").getString("from"));
                assertEquals(second, textOf(client.nextOfType("message")), "then the second, with no copy of the first between");
            }
        }
    }

    @Test
    void aWhisperReachesOnlyItsClientOnTheOtherNode(LocalCluster cluster) {
        try (NamespaceSocket sender = NamespaceSocket.open(cluster.a(), HELLO, null);
             NamespaceSocket target = NamespaceSocket.open(cluster.b(), HELLO, null);
             NamespaceSocket bystander = NamespaceSocket.open(cluster.b(), HELLO, null)) {
            sender.send(Json.createObjectBuilder().add("type", "whisper").add("text", "psst").add("to", target.clientId()).build());
            JsonObject whisper = target.nextOfType("whisper");
            assertEquals("psst", textOf(whisper));
            assertEquals(sender.clientId(), whisper.getJsonObject("data").getString("from"));
            String marker = "after the whisper " + UUID.randomUUID();
            sender.send(message("message", marker));
            JsonObject next = bystander.next(frame -> frame.getBoolean("success", false));
            assertEquals("message", next.getJsonObject("data").getString("type"), "the bystander got no whisper: " + next);
            assertEquals(marker, textOf(next));
        }
    }

    @Test
    void theServerAsksAClientOnTheOtherNodeAndGetsItsReplyItsErrorOrALostConnection(LocalCluster cluster) {
        try (NamespaceSocket asker = NamespaceSocket.open(cluster.a(), HELLO, null)) {
            try (NamespaceSocket answerer = NamespaceSocket.open(cluster.b(), HELLO, null)) {
                String askId = UUID.randomUUID().toString();
                asker.send(Json.createObjectBuilder(message("ask", "6 x 7?")).add("to", answerer.clientId()).add("requestId", askId).build());
                JsonObject question = answerer.nextOfType("question");
                String serverRequestId = question.getString("requestId");
                assertEquals("6 x 7?", textOf(question));
                answerer.send(Json.createObjectBuilder().add("text", "42").add("requestId", serverRequestId).build());
                JsonObject answer = asker.next(frame -> askId.equals(frame.getString("requestId", null)));
                assertTrue(answer.getBoolean("success"), answer.toString());
                assertEquals("42", answer.getJsonObject("data").getJsonObject("answer").getString("text"));

                String refusedId = UUID.randomUUID().toString();
                asker.send(Json.createObjectBuilder(message("ask", "your password?")).add("to", answerer.clientId()).add("requestId", refusedId).build());
                String secondRequest = answerer.nextOfType("question").getString("requestId");
                answerer.send(Json.createObjectBuilder().add("success", false).add("error", "not telling").add("code", "DECLINED")
                        .add("requestId", secondRequest).build());
                JsonObject refused = asker.next(frame -> refusedId.equals(frame.getString("requestId", null)));
                assertFalse(refused.getBoolean("success"));
                assertEquals("DECLINED", refused.getString("code"));

                String lostId = UUID.randomUUID().toString();
                asker.send(Json.createObjectBuilder(message("ask", "still there?")).add("to", answerer.clientId()).add("requestId", lostId).build());
                answerer.nextOfType("question");
                answerer.close();
                JsonObject lost = asker.next(frame -> lostId.equals(frame.getString("requestId", null)));
                assertFalse(lost.getBoolean("success"));
                assertEquals("CONNECTION_LOST", lost.getString("code"));
            }
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
    void aNoticeReachesEverySocketOfItsUserOnBothNodesAndNobodyElse(LocalCluster cluster) {
        Session admin = cluster.signInAsAdmin(cluster.a());
        try (NamespaceSocket notices = NamespaceSocket.open(admin, cluster.a(), NOTICES, null);
             NamespaceSocket userOnA = NamespaceSocket.open(Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD),
                     cluster.a(), HELLO, null);
             NamespaceSocket userOnB = NamespaceSocket.open(Session.signIn(cluster.b(), LocalCluster.USER, LocalCluster.USER_PASSWORD),
                     cluster.b(), HELLO, null);
             NamespaceSocket anonymous = NamespaceSocket.open(cluster.b(), HELLO, null)) {
            JsonObject sent = notices.request(Json.createObjectBuilder().add("type", "notice").add("username", LocalCluster.USER)
                    .add("text", "maintenance at noon").build());
            assertTrue(sent.getBoolean("success"), sent.toString());
            for (NamespaceSocket socket : new NamespaceSocket[] {userOnA, userOnB}) {
                JsonObject notice = socket.nextOfType("notice");
                assertEquals("maintenance at noon", textOf(notice));
                assertEquals(LocalCluster.ADMIN, notice.getJsonObject("data").getString("from"));
            }
            String marker = "after the notice " + UUID.randomUUID();
            userOnA.send(message("message", marker));
            JsonObject next = anonymous.next(frame -> frame.getBoolean("success", false));
            assertEquals(marker, textOf(next), "the anonymous client got no notice: " + next);
        }
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
