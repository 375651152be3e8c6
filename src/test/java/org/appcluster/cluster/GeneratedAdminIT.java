package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.FreePorts;
import org.appcluster.support.Http;
import org.appcluster.support.ServerNode;
import org.appcluster.support.Session;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;

/**
 * With no admin configured, two nodes sharing a MongoDB agree on one generated admin password:
 * exactly one of them logs it, and it works on both. There is no built-in default password.
 */
class GeneratedAdminIT {

    /** The driver looks for a server again within seconds; the node retries the password every 5 s. */
    private static final Duration RECOVERY = Duration.ofSeconds(40);
    private static final Pattern GENERATED = Pattern.compile("Generated a password for user 'admin': (\\S+)");

    @Test
    void oneGeneratedAdminPasswordIsLoggedOnceAndWorksOnEveryNode() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(0, null);
             ServerNode first = ServerNode.launch("node-gen-1", Map.of("mongo.uri", mongo.uri()));
             ServerNode second = ServerNode.launch("node-gen-2", Map.of("mongo.uri", mongo.uri()))) {
            CompletableFuture.allOf(CompletableFuture.runAsync(first::awaitReady), CompletableFuture.runAsync(second::awaitReady)).join();

            List<String> passwords = List.of(first, second).stream().flatMap(node -> generated(node).stream()).toList();
            assertEquals(1, passwords.size(), "exactly one node logs the generated password, once");
            for (ServerNode node : List.of(first, second)) {
                assertTrue(Session.signIn(node, "admin", passwords.get(0)).signedIn(), node.name());
                assertEquals(false, Session.signIn(node, "admin", "admin").signedIn(), "no default password");
            }
        }
    }

    @Test
    void aNodeStartedWhileMongoDbIsAwayServesReportsNotReadyAndRecoversWhenItAnswers() {
        int mongoPort = FreePorts.next();
        try (ServerNode node = ServerNode.launch("node-gen-late", Map.of("mongo.uri", "mongodb://127.0.0.1:" + mongoPort))) {
            node.awaitReady();
            assertEquals(503, Http.getStatus(node.healthUri("/health/ready")), "not ready without MongoDB");
            Http.Response write = Http.postJson(node.uri("/api/1/helloClusterTodo"), "{\"title\":\"While away\",\"user\":\"Ann\"}");
            assertEquals(503, write.status(), write.text());
            assertEquals("DATABASE_UNAVAILABLE", write.body().getString("code"));
            Http.Response signIn = Http.postJson(node.uri("/api/1/auth/signin"), "{\"username\":\"admin\",\"password\":\"guess\"}");
            assertEquals(503, signIn.status(), "the generated admin cannot be checked yet: " + signIn.text());

            try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(mongoPort, null)) {
                Waits.until("the node to be ready once MongoDB answers", RECOVERY, () -> Http.getStatus(node.healthUri("/health/ready")) == 200);
                Waits.until("the generated admin password in the log", RECOVERY, () -> !generated(node).isEmpty());
                assertTrue(Session.signIn(node, "admin", generated(node).get(0)).signedIn());
                Http.Response stored = Http.postJson(node.uri("/api/1/helloClusterTodo"), "{\"title\":\"Back\",\"user\":\"Ann\"}");
                assertEquals(200, stored.status(), stored.text());
            }
        }
    }

    private static List<String> generated(ServerNode node) {
        try {
            return Files.readAllLines(node.log().toPath()).stream().map(GENERATED::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
