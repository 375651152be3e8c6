package org.appcluster.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.Balancer;
import org.appcluster.support.FreePorts;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.NamespaceSocket;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.appcluster.support.Waits;

/**
 * The chaos run's MongoDB (the embedded server, in memory, on a port kept across its restart) and
 * the fault it suffers: stopped while to-dos are written and a signed-in user chats, then started
 * again. It checks what a user of the cluster relies on meanwhile.
 */
final class MongoOutage implements AutoCloseable {

    private static final String TODO_CHANNEL = "view:helloClusterTodo:list:changed";

    private final int port = FreePorts.next();
    private final Map<String, String> timings;
    private final Duration timeout;
    private EmbeddedMongoServer mongo;
    private TodoWriter writer;

    MongoOutage(Map<String, String> timings, Duration timeout) {
        this.timings = timings;
        this.timeout = timeout;
        mongo = EmbeddedMongoServer.start(port, null);
    }

    String uri() {
        return mongo.uri();
    }

    /**
     * MongoDB stops while to-dos are written through the balancer: writes answer 503 JSON, both
     * nodes report not ready, nothing is announced for a write that was not stored, a chat message
     * is refused with {@code STORE_UNAVAILABLE} and reaches nobody, and the nodes are ready again
     * by themselves when MongoDB returns (an empty one: the in-memory server).
     */
    void strikeWhileWriting(HttpClient http, Balancer balancer, ServerNode a, ServerNode b) throws InterruptedException {
        String room = "/api/1/ws/chat/chaos";
        try (SocketClient onA = SocketClient.connect(a, null); SocketClient onB = SocketClient.connect(b, null);
             NamespaceSocket chatter = NamespaceSocket.open(Session.signIn(a, LocalCluster.USER, LocalCluster.USER_PASSWORD), a, room, null);
             NamespaceSocket reader = NamespaceSocket.open(Session.signIn(b, LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD), b, room, null)) {
            onA.subscribe(TODO_CHANNEL, false);
            onB.subscribe(TODO_CHANNEL, false);
            writer = new TodoWriter(http, balancer.uri("/"), 4);
            Thread writing = new Thread(writer, "chaos-todo-writer");
            writing.start();
            try {
                Waits.until("to-dos stored before the outage", timeout, () -> writer.count(TodoWriter.Outcome.STORED) >= 8);
                mongo.close();
                long stopped = System.nanoTime();
                Waits.until("both nodes not ready without MongoDB", timeout, () -> !ready(a) && !ready(b));
                timings.put("MongoDB stopped to both nodes not ready", millisSince(stopped) + " ms");
                // The writer goes on meanwhile: each refusal takes the driver's 5 s server selection.
                JsonObject refused = chatter.request(chatMessage("said while MongoDB is away"));
                assertEquals("STORE_UNAVAILABLE", refused.getString("code", refused.toString()), "a chat message that cannot be stored is refused");
                assertTrue(chatter.isOpen(), "the chat socket stays open after a refused message");
                Waits.until("to-do writes refused while MongoDB is away", timeout, () -> writer.count(TodoWriter.Outcome.REFUSED) >= 2);
                mongo = EmbeddedMongoServer.start(port, null);
                long back = System.nanoTime();
                timings.put("MongoDB away (stopped to restarted)", Duration.ofNanos(back - stopped).toMillis() + " ms");
                Waits.until("both nodes ready again", timeout, () -> ready(a) && ready(b));
                timings.put("nodes ready after MongoDB's restart", millisSince(back) + " ms");
                long storedBefore = writer.count(TodoWriter.Outcome.STORED);
                Waits.until("to-dos stored again", timeout, () -> writer.count(TodoWriter.Outcome.STORED) >= storedBefore + 8);
                assertTrue(chatter.request(chatMessage("said once MongoDB is back")).getBoolean("success"), "a chat message is stored again");
                assertEquals("said once MongoDB is back", reader.nextOfType("message").getJsonObject("data").getString("text"),
                        "the other node's reader got the stored message, and never the refused one");
            } finally {
                writer.stop();
                writing.join(30_000);
            }
            Map<String, TodoWriter.Outcome> outcomes = writer.outcomes();
            Set<String> stored = outcomes.entrySet().stream().filter(e -> e.getValue() == TodoWriter.Outcome.STORED)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertEquals(Map.of(), writer.others(), "every to-do write stored or refused with 503 DATABASE_UNAVAILABLE");
            assertEquals(stored, announcedTodos(onA, stored), "node A's page: a to-do announced if and only if it was stored");
            assertEquals(stored, announcedTodos(onB, stored), "node B's page: a to-do announced if and only if it was stored");
        }
    }

    private static JsonObject chatMessage(String text) {
        return Json.createObjectBuilder().add("type", "message").add("text", text).build();
    }

    /** The titles announced to {@code page} until every stored one came, then a second more. */
    private Set<String> announcedTodos(SocketClient page, Set<String> stored) {
        Set<String> titles = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration wait = Duration.ofSeconds(1);
        for (JsonObject frame; System.nanoTime() < deadline; ) {
            frame = page.poll(titles.containsAll(stored) ? wait : Duration.ofMillis(200));
            if (frame == null && titles.containsAll(stored)) {
                break;
            }
            if (frame != null && "broadcast".equals(frame.getJsonObject("data").getString("type", ""))) {
                titles.add(frame.getJsonObject("data").getJsonObject("data").getJsonObject("data").getJsonObject("todo").getString("title"));
            }
        }
        return titles;
    }

    private static boolean ready(ServerNode node) {
        return Http.getStatus(node.healthUri("/health/ready")) == 200;
    }

    /** What the to-do writes got, for the run's report. */
    String report() {
        return writer == null ? "To-do writes: none (the run ended before the MongoDB outage)."
                : "To-do writes: " + writer.count(TodoWriter.Outcome.STORED) + " stored and announced on both nodes, "
                + writer.count(TodoWriter.Outcome.REFUSED) + " refused with 503 DATABASE_UNAVAILABLE and announced nowhere, other answers "
                + writer.others() + ".";
    }

    @Override
    public void close() {
        mongo.close();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
