package org.appcluster.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.Nginx;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.ServerNode;
import org.appcluster.support.TestPaths;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite (run it with {@code bin/chaos}): nginx in front of two nodes, subscribers that
 * resume as the browser library does, two publishers sending steadily on history channels, and
 * three faults in turn: redis-server restarted, a node killed with SIGKILL, random client
 * connections dropped. Every subscriber must get each message once and in order, or an explicit
 * {@code recovered:false} after it. Figures go to {@code target/chaos/results.md}.
 */
class ChaosIT {

    private static final int SUBSCRIBERS = 24;
    private static final int PER_SECOND = 20;
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);
    private static final String PATTERN = "view:chaos:*";

    private final List<ResumingSubscriber> subscribers = new ArrayList<>();
    private final List<ChaosPublisher> publishers = new ArrayList<>();
    private final Map<String, String> timings = new LinkedHashMap<>();

    @Test
    void everySubscriberGetsEachMessageOnceAndInOrderOrIsToldItMissedSome() throws Exception {
        File logDir = new File(TestPaths.buildDir(), "chaos");
        logDir.mkdirs();
        try (RedisProcess redis = RedisProcess.start(logDir); EmbeddedMongoServer mongo = EmbeddedMongoServer.start(0, null)) {
            Map<String, String> config = new HashMap<>(LocalCluster.nodeConfig(redis.uri(), "single", mongo.uri()));
            config.put("history.channels", PATTERN);
            config.put("publish.rate-limit.per-client", "100000");
            config.put("publish.rate-limit.per-address", "100000");
            ServerNode a = ServerNode.launch("chaos-a", config);
            ServerNode b = ServerNode.launch("chaos-b", config);
            try {
                CompletableFuture.allOf(CompletableFuture.runAsync(a::awaitReady), CompletableFuture.runAsync(b::awaitReady)).join();
                Waits.until("both nodes joined Redis", PHASE_TIMEOUT, () -> a.redisAvailable() && b.redisAvailable());
                try (Nginx nginx = Nginx.roundRobin(List.of(a, b))) {
                    underChaos(nginx, redis, a, b);
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private void underChaos(Nginx nginx, RedisProcess redis, ServerNode a, ServerNode b) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService reconnects = ResumingSubscriber.reconnectScheduler();
        URI socket = URI.create(nginx.uri("/api/1/ws/jp-broadcast").toString().replaceFirst("^http", "ws"));
        for (int i = 0; i < SUBSCRIBERS; i++) {
            ResumingSubscriber subscriber = new ResumingSubscriber(http, socket, PATTERN, reconnects);
            subscribers.add(subscriber);
            subscriber.start();
        }
        Waits.until("every subscriber subscribed", PHASE_TIMEOUT, this::allSubscribed);
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            ChaosPublisher publisher = new ChaosPublisher(http, nginx.uri("/"), "view:chaos:stream:" + name, name, PER_SECOND);
            publishers.add(publisher);
            Thread thread = new Thread(publisher, "chaos-publisher-" + name);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        try {
            steady("warm-up", 40);
            restartRedis(redis, a, b);
            CompletableFuture<ServerNode> restarted = killNode(b);
            dropRandomConnections(6, 3);
            restarted.join();
            Waits.until("the killed node back in the cluster", PHASE_TIMEOUT, b::redisAvailable);
            steady("after the killed node returned", 40);
        } finally {
            publishers.forEach(ChaosPublisher::stop);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // Let the last messages arrive; a subscriber that cannot get them must have been told.
        boolean settled = Waits.reached(Duration.ofSeconds(30), () -> DeliveryAudit.of(subscribers, publishers).violations().isEmpty());
        subscribers.forEach(ResumingSubscriber::stop);
        reconnects.shutdownNow();

        DeliveryAudit audit = DeliveryAudit.of(subscribers, publishers);
        report(audit, seconds);
        assertTrue(settled, "silent loss, duplicates or reorderings:\n" + String.join("\n", audit.violations().subList(0, Math.min(20, audit.violations().size()))));
        assertEquals(0, audit.duplicates());
        assertEquals(0, audit.reorderings());
    }

    /** Publishing goes on undisturbed until {@code messages} more were sent. */
    private void steady(String phase, int messages) {
        long mark = publishedCount();
        Waits.until(messages + " messages during " + phase, PHASE_TIMEOUT, () -> publishedCount() >= mark + messages);
    }

    private void restartRedis(RedisProcess redis, ServerNode a, ServerNode b) {
        redis.stop();
        long stopped = System.nanoTime();
        Waits.until("both nodes local-only", PHASE_TIMEOUT, () -> !a.redisAvailable() && !b.redisAvailable());
        steady("the Redis outage", 40);
        redis.restart();
        long back = System.nanoTime();
        Waits.until("both nodes back on Redis", PHASE_TIMEOUT, () -> a.redisAvailable() && b.redisAvailable());
        timings.put("Redis away (stopped to restarted)", millis(back - stopped) + " ms");
        timings.put("nodes back on Redis after its restart", millis(System.nanoTime() - back) + " ms");
        steady("after Redis returned", 40);
    }

    /** SIGKILL: its sockets just end; the subscribers reconnect through nginx to the other node. */
    private CompletableFuture<ServerNode> killNode(ServerNode node) {
        node.kill();
        long killed = System.nanoTime();
        Waits.until("every subscriber resubscribed after the kill", PHASE_TIMEOUT, this::allSubscribed);
        timings.put("all subscribers resubscribed after SIGKILL of a node", millis(System.nanoTime() - killed) + " ms");
        steady("the node being down", 40);
        return CompletableFuture.supplyAsync(node::restart);
    }

    private void dropRandomConnections(int rounds, int perRound) {
        for (int round = 0; round < rounds; round++) {
            List<ResumingSubscriber> shuffled = new ArrayList<>(subscribers);
            Collections.shuffle(shuffled);
            shuffled.subList(0, perRound).forEach(ResumingSubscriber::drop);
            steady("drop round " + (round + 1), 2 * PER_SECOND * 2);
            Waits.until("the dropped subscribers resubscribed", PHASE_TIMEOUT, this::allSubscribed);
        }
    }

    private boolean allSubscribed() {
        return subscribers.stream().allMatch(ResumingSubscriber::isSubscribed);
    }

    private long publishedCount() {
        return publishers.stream().mapToLong(ChaosPublisher::last).sum();
    }

    private void report(DeliveryAudit audit, long seconds) throws IOException {
        Map<ChaosPublisher.Outcome, Long> outcomes = publishers.stream().flatMap(p -> p.outcomes().values().stream())
                .collect(Collectors.groupingBy(outcome -> outcome, Collectors.counting()));
        StringBuilder text = new StringBuilder("# Chaos run " + Instant.now() + "\n\n")
                .append(SUBSCRIBERS + " subscribers through nginx to 2 nodes, 2 publishers at " + PER_SECOND + " messages/s each, "
                        + seconds + " s of faults: redis-server restarted, a node killed (SIGKILL), 6 rounds of 3 dropped connections, one round every 2 s.\n\n")
                .append("Publishes answered: " + outcomes + "; UNKNOWN (no usable answer) by cause: "
                        + publishers.stream().map(p -> p.name() + " " + p.unanswered()).toList() + ".\n\n")
                .append(audit.report()).append("\n");
        timings.forEach((what, value) -> text.append("- ").append(what).append(": ").append(value).append("\n"));
        Path out = Path.of(TestPaths.buildDir(), "chaos", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println(text);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
