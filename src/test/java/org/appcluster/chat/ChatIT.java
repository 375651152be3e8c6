package org.appcluster.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.NamespaceSocket;
import org.appcluster.support.RawHttp;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat's server side on two nodes and Redis: rooms with presence across nodes (and a killed
 * node's users leaving), stored messages, sign-out closing sockets with 4401, and user status
 * through REST spread as an App Cluster broadcast.
 */
@ExtendWith(LocalCluster.Extension.class)
class ChatIT {

    private static final String STATUS_CHANNEL = "view:chat:user:status";

    private static String room() {
        return "/api/1/ws/chat/r" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Session user(ServerNode node) {
        return Session.signIn(node, LocalCluster.USER, LocalCluster.USER_PASSWORD);
    }

    /** The next presence message whose online users are exactly {@code usernames}. */
    private static JsonObject presenceOf(NamespaceSocket socket, String... usernames) {
        List<String> wanted = List.of(usernames);
        return socket.next(frame -> frame.getBoolean("success", false)
                && "presence".equals(frame.getJsonObject("data").getString("type", ""))
                && frame.getJsonObject("data").getJsonArray("users").stream()
                .map(user -> user.asJsonObject().getString("username")).toList().equals(wanted));
    }

    @Test
    void onlySignedInUsersMayChat(LocalCluster cluster) {
        RawHttp.Response refused = RawHttp.from("127.0.0.1", cluster.a(), "GET", room(), null, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
        assertEquals(401, refused.status(), refused.text());
    }

    @Test
    void presenceShowsWhoIsOnlineOnEitherNodeAndWhoLeft(LocalCluster cluster) {
        String room = room();
        try (NamespaceSocket viewer = NamespaceSocket.open(user(cluster.a()), cluster.a(), room, null)) {
            presenceOf(viewer, LocalCluster.USER);
            try (NamespaceSocket ops = NamespaceSocket.open(cluster.signInAsAdmin(cluster.b()), cluster.b(), room, null)) {
                JsonObject joined = presenceOf(viewer, LocalCluster.ADMIN, LocalCluster.USER).getJsonObject("data");
                assertEquals(Json.createArrayBuilder().add(LocalCluster.ADMIN).build(), joined.getJsonArray("joined"));
                assertEquals(room, joined.getString("path"));
                presenceOf(ops, LocalCluster.ADMIN, LocalCluster.USER);
            }
            JsonObject left = presenceOf(viewer, LocalCluster.USER).getJsonObject("data");
            assertEquals(Json.createArrayBuilder().add(LocalCluster.ADMIN).build(), left.getJsonArray("left"));
        }
    }

    @Test
    void aKilledNodesUsersLeaveWithinSeconds(LocalCluster cluster) {
        String room = room();
        ServerNode extra = cluster.launchExtraNode("node-chat");
        try (NamespaceSocket viewer = NamespaceSocket.open(user(cluster.a()), cluster.a(), room, null)) {
            presenceOf(viewer, LocalCluster.USER);
            NamespaceSocket.open(cluster.signInAsAdmin(extra), extra, room, null);
            presenceOf(viewer, LocalCluster.ADMIN, LocalCluster.USER);
            extra.kill();
            long killed = System.nanoTime();
            JsonObject left = presenceOf(viewer, LocalCluster.USER).getJsonObject("data");
            long seconds = Duration.ofNanos(System.nanoTime() - killed).toSeconds();
            assertEquals(Json.createArrayBuilder().add(LocalCluster.ADMIN).build(), left.getJsonArray("left"));
            System.out.printf("A SIGKILLed node's user left the room's presence %d s after the kill%n", seconds);
        } finally {
            extra.close();
        }
    }

    @Test
    void aMessageIsStoredThenSentToTheRoomOnBothNodesAndKeptForLaterPages(LocalCluster cluster) {
        String room = room();
        String text = "hello <b>" + UUID.randomUUID() + "</b>";
        try (NamespaceSocket sender = NamespaceSocket.open(user(cluster.a()), cluster.a(), room, null);
             NamespaceSocket reader = NamespaceSocket.open(cluster.signInAsAdmin(cluster.b()), cluster.b(), room, null)) {
            JsonObject stored = sender.request(Json.createObjectBuilder().add("type", "message").add("text", text).build());
            assertTrue(stored.getBoolean("success"), stored.toString());
            for (NamespaceSocket socket : new NamespaceSocket[] {sender, reader}) {
                JsonObject message = socket.nextOfType("message").getJsonObject("data");
                assertEquals(text, message.getString("text"));
                assertEquals(LocalCluster.USER, message.getString("username"));
                assertEquals(stored.getJsonObject("data").getString("id"), message.getString("id"));
            }
            JsonObject empty = sender.request(Json.createObjectBuilder().add("type", "message").add("text", "  ").build());
            assertEquals("INVALID_MESSAGE", empty.getString("code"));
        }
        try (NamespaceSocket later = NamespaceSocket.open(user(cluster.b()), cluster.b(), room, null)) {
            JsonObject history = later.request(Json.createObjectBuilder().add("type", "history").build()).getJsonObject("data");
            assertEquals(1, history.getJsonArray("messages").size(), history.toString());
            assertEquals(text, history.getJsonArray("messages").getJsonObject(0).getString("text"));
        }
    }

    @Test
    void typingGoesToTheRoomAndIsNotStored(LocalCluster cluster) {
        String room = room();
        try (NamespaceSocket typist = NamespaceSocket.open(user(cluster.a()), cluster.a(), room, null);
             NamespaceSocket other = NamespaceSocket.open(cluster.signInAsAdmin(cluster.b()), cluster.b(), room, null)) {
            typist.send(Json.createObjectBuilder().add("type", "typing").add("typing", true).build());
            JsonObject typing = other.nextOfType("typing").getJsonObject("data");
            assertEquals(LocalCluster.USER, typing.getString("username"));
            assertTrue(typing.getBoolean("typing"));
            JsonObject history = other.request(Json.createObjectBuilder().add("type", "history").build()).getJsonObject("data");
            assertEquals(0, history.getJsonArray("messages").size());
        }
    }

    @Test
    void signingOutClosesTheSessionsSocketsWith4401(LocalCluster cluster) {
        Session session = user(cluster.a());
        try (NamespaceSocket socket = NamespaceSocket.open(session, cluster.a(), room(), null);
             NamespaceSocket otherSession = NamespaceSocket.open(user(cluster.a()), cluster.a(), room(), null)) {
            assertEquals(200, session.post("/api/1/auth/signout", "{}").status());
            JsonObject notice = socket.next(frame -> !frame.getBoolean("success", true));
            assertEquals("SESSION_EXPIRED", notice.getString("code"));
            assertEquals(4401, socket.awaitClose());
            assertTrue(otherSession.isOpen(), "the same user's other session keeps its socket");
        }
    }

    @Test
    void aStatusSetThroughRestReachesEveryPageAsABroadcast(LocalCluster cluster) {
        Session session = user(cluster.a());
        try (SocketClient pageOnB = SocketClient.connect(cluster.b(), null)) {
            pageOnB.subscribe(STATUS_CHANNEL, false);
            Http.Response set = session.send("/api/1/chat/status", request -> request.header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"away\"}")));
            assertEquals(200, set.status(), set.text());
            JsonObject status = pageOnB.nextBroadcast().getJsonObject("data");
            assertEquals(LocalCluster.USER, status.getString("username"));
            assertEquals(LocalCluster.USER, status.getString("userId"), "the seed's example reads data.userId");
            assertEquals("away", status.getString("status"));
            JsonValue listed = Http.getJson(cluster.b().uri("/api/1/chat/status")).body().getJsonArray("data").stream()
                    .filter(entry -> entry.asJsonObject().getString("username").equals(LocalCluster.USER)).findFirst().orElseThrow();
            assertEquals("away", listed.asJsonObject().getString("status"));

            Http.Response invalid = session.send("/api/1/chat/status", request -> request.header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"<script>\"}")));
            assertEquals(400, invalid.status(), invalid.text());
            Http.Response anonymous = Http.request("PUT", cluster.a().uri("/api/1/chat/status"), "{\"status\":\"away\"}");
            assertEquals(401, anonymous.status(), anonymous.text());
            assertFalse(anonymous.body().getBoolean("success"));
            Http.Response forged = Http.postJson(cluster.a().uri("/api/1/app-cluster/broadcast/" + STATUS_CHANNEL),
                    "{\"data\":{\"username\":\"" + LocalCluster.ADMIN + "\",\"status\":\"away\"}}");
            assertEquals(403, forged.status(), "a page cannot publish a status for someone: " + forged.text());
        }
    }
}
