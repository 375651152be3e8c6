package org.appcluster.namespaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.NamespaceSocket;
import org.appcluster.support.Session;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;

/**
 * Namespace traffic between two nodes: messages to everyone exactly once, a whisper to one client,
 * a server request answered on the other node, per-user delivery, presence. Run on one {@code redis-server}
 * ({@link NamespaceIT}) and on a Redis Cluster ({@code RedisClusterDeliveryIT}).
 */
public interface NamespaceDeliveryContract {

    String HELLO = "/api/1/ws/hello";
    String NOTICES = "/api/1/ws/admin-notices";

    static JsonObject message(String type, String text) {
        return Json.createObjectBuilder().add("type", type).add("text", text).build();
    }

    static String textOf(JsonObject frame) {
        return frame.getJsonObject("data").getString("text");
    }

    @Test
    default void aMessageReachesEveryClientOnBothNodesExactlyOnceWithTheSendersName(LocalCluster cluster) {
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
    default void aWhisperReachesOnlyItsClientOnTheOtherNode(LocalCluster cluster) {
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
    default void theServerAsksAClientOnTheOtherNodeAndGetsItsReplyItsErrorALostConnectionOrNotConnected(LocalCluster cluster) {
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

                // Both nodes now say the client is not theirs: the answer comes before the 10 s timeout,
                // once node a's view of the cluster is settled (a node that fell silent only just,
                // in an earlier test's fault, may yet answer, and is waited for).
                Session admin = cluster.signInAsAdmin(cluster.a());
                Waits.until("no node silent for less than 30 s in node a's view", Duration.ofSeconds(60), () ->
                        admin.get("/api/1/admin/cluster").body().getJsonObject("data").getJsonArray("instances").stream()
                                .map(JsonValue::asJsonObject)
                                .noneMatch(node -> "gone".equals(node.getString("status")) && node.getJsonNumber("lastSeenMillisAgo").longValue() < 30_000));
                String nowhereId = UUID.randomUUID().toString();
                long asked = System.nanoTime();
                asker.send(Json.createObjectBuilder(message("ask", "anyone?")).add("to", answerer.clientId()).add("requestId", nowhereId).build());
                JsonObject nowhere = asker.next(frame -> nowhereId.equals(frame.getString("requestId", null)));
                assertFalse(nowhere.getBoolean("success"));
                assertEquals("NOT_CONNECTED", nowhere.getString("code"), nowhere.toString());
                assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(5), "answered without waiting out the timeout");
            }
        }
    }

    @Test
    default void aNoticeReachesEverySocketOfItsUserOnBothNodesAndNobodyElse(LocalCluster cluster) {
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
    default void presenceInAChatRoomIsTheSameOnBothNodes(LocalCluster cluster) {
        String room = "/api/1/ws/chat/c" + UUID.randomUUID().toString().substring(0, 8);
        try (NamespaceSocket onA = NamespaceSocket.open(Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD),
                cluster.a(), room, null);
             NamespaceSocket onB = NamespaceSocket.open(cluster.signInAsAdmin(cluster.b()), cluster.b(), room, null)) {
            for (NamespaceSocket socket : new NamespaceSocket[] {onA, onB}) {
                socket.next(frame -> frame.getBoolean("success", false)
                        && "presence".equals(frame.getJsonObject("data").getString("type", ""))
                        && frame.getJsonObject("data").getJsonArray("users").size() == 2);
            }
        }
    }
}
