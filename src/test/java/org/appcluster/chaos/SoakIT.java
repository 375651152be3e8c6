package org.appcluster.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.Balancer;
import org.appcluster.support.FreePorts;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.ServerNode;
import org.appcluster.support.TestPaths;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;

/**
 * The soak (run it with {@code bin/soak}; 30 minutes unless {@code -Dsoak.minutes} says otherwise):
 * HAProxy in front of two Payara Micro nodes (WildFly with {@code -Pwildfly}), subscribers that
 * resume as the browser library does, two publishers on history channels, and a fault every
 * {@code soak.fault-seconds} (60) in turn: client connections dropped, redis-server restarted,
 * node b restarted. Each node's heap after a full collection, threads, open files beyond its
 * sockets and dispatcher queue are sampled every 10 s. It fails on a silent loss, a duplicate or a
 * reordering; if the nodes count other sockets than the subscribers' at the end; or if a figure of
 * node a (which lives through the whole run) grew from the first third of the run to the last
 * beyond noise, or node a failed to give more than two samples; node b's figures are judged over
 * its last start.
 * Figures go to {@code target/soak/results.md}. The schedule is the test's own clock (it holds a
 * load for a time); every wait for something to happen polls its condition.
 */
class SoakIT {

    private static final Duration LENGTH = Duration.ofMinutes(Long.getLong("soak.minutes", 30));
    private static final Duration FAULT_EVERY = Duration.ofSeconds(Long.getLong("soak.fault-seconds", 60));
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);
    private static final int SUBSCRIBERS = 24;
    private static final int PER_SECOND = 10;
    private static final String PATTERN = "view:soak:*";

    private final List<ResumingSubscriber> subscribers = new ArrayList<>();
    private final List<ChaosPublisher> publishers = new ArrayList<>();
    private final List<String> faults = new ArrayList<>();

    @Test
    void hoursOfFaultsLoseNothingSilentlyAndGrowNothing() throws Exception {
        File logDir = new File(TestPaths.buildDir(), "soak");
        logDir.mkdirs();
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(FreePorts.next(), null);
             RedisProcess redis = RedisProcess.start(logDir);
             FaultNodes nodes = FaultNodes.start("soak", redis.uri(), "single", mongo.uri(), PATTERN, PHASE_TIMEOUT);
             Balancer balancer = Balancer.of("haproxy", nodes.both())) {
            soak(balancer, redis, nodes.a(), nodes.b());
        }
    }

    private void soak(Balancer balancer, RedisProcess redis, ServerNode a, ServerNode b) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService reconnects = ResumingSubscriber.reconnectScheduler();
        subscribers.addAll(ResumingSubscriber.startMany(SUBSCRIBERS, http, balancer, PATTERN, reconnects));
        Waits.until("every subscriber subscribed", PHASE_TIMEOUT, this::allSubscribed);
        publishers.addAll(ChaosPublisher.startTwo(http, balancer.uri("/"), "view:soak:stream:", PER_SECOND));
        NodeSampler survivor = new NodeSampler(a);
        NodeSampler restarted = new NodeSampler(b);
        // A thread each, so a node that is restarting does not hold up the other's samples.
        ScheduledExecutorService sampling = Executors.newScheduledThreadPool(2);
        for (NodeSampler sampler : List.of(survivor, restarted)) {
            sampling.scheduleAtFixedRate(sampler::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        long started = System.nanoTime();
        AssertionError stuck;
        try {
            stuck = FaultPhases.attempt(() -> {
                List<Runnable> rotation = List.of(this::dropClients, () -> restartRedis(redis, a, b), () -> restartNode(b));
                for (int fault = 0; ; fault++) {
                    long due = started + FAULT_EVERY.multipliedBy(fault + 1).toNanos();
                    if (due >= started + LENGTH.toNanos()) {
                        break;
                    }
                    sleepUntil(due);
                    long begun = System.nanoTime();
                    rotation.get(fault % rotation.size()).run();
                    faults.set(faults.size() - 1, "at " + seconds(begun - started) + " s: " + faults.get(faults.size() - 1)
                            + ", done (every subscriber subscribed again) after " + millis(System.nanoTime() - begun) + " ms");
                }
                sleepUntil(started + LENGTH.toNanos());
            }, why -> faults.add("stopped: " + why));
        } finally {
            sampling.shutdown();
            sampling.awaitTermination(60, TimeUnit.SECONDS);
            ChaosPublisher.stopAll(publishers);
        }
        boolean settled = Waits.reached(Duration.ofSeconds(30), () -> DeliveryAudit.of(everySubscriber(), publishers).violations().isEmpty());
        // A socket a node kept after its client left would not show among the open files beyond sockets.
        boolean counted = Waits.reached(Duration.ofSeconds(30), () -> survivor.sockets() + restarted.sockets() == SUBSCRIBERS);
        subscribers.forEach(ResumingSubscriber::stop);
        reconnects.shutdownNow();

        DeliveryAudit audit = DeliveryAudit.of(everySubscriber(), publishers);
        List<String> growth = new ArrayList<>(survivor.growth());
        growth.addAll(restarted.growthIfJudged());
        report(audit, survivor, restarted, growth, seconds(System.nanoTime() - started));
        if (stuck != null) {
            throw stuck;
        }
        assertTrue(settled, "silent loss, duplicates or reorderings:\n" + String.join("\n", audit.violations().subList(0, Math.min(20, audit.violations().size()))));
        assertEquals(0, audit.duplicates());
        assertEquals(0, audit.reorderings());
        assertEquals(List.of(), growth, "figures that grew");
        assertTrue(counted, "the nodes count " + survivor.sockets() + " and " + restarted.sockets() + " sockets for " + SUBSCRIBERS + " subscribers");
    }

    private void dropClients() {
        List<ResumingSubscriber> shuffled = new ArrayList<>(subscribers);
        Collections.shuffle(shuffled);
        shuffled.subList(0, SUBSCRIBERS / 4).forEach(ResumingSubscriber::drop);
        faults.add(SUBSCRIBERS / 4 + " client connections dropped");
        Waits.until("the dropped subscribers resubscribed", PHASE_TIMEOUT, this::allSubscribed);
    }

    private void restartRedis(RedisProcess redis, ServerNode a, ServerNode b) {
        redis.stop();
        faults.add("redis-server stopped and started again");
        Waits.until("both nodes local-only", PHASE_TIMEOUT, () -> !a.redisAvailable() && !b.redisAvailable());
        redis.restart();
        Waits.until("both nodes back on Redis", PHASE_TIMEOUT, () -> a.redisAvailable() && b.redisAvailable());
        Waits.until("every subscriber subscribed", PHASE_TIMEOUT, this::allSubscribed);
    }

    private void restartNode(ServerNode node) {
        faults.add("node " + node.name() + " stopped and started again");
        node.restart();
        Waits.until("the restarted node back on Redis", PHASE_TIMEOUT, node::redisAvailable);
        Waits.until("every subscriber subscribed", PHASE_TIMEOUT, this::allSubscribed);
    }

    private boolean allSubscribed() {
        return subscribers.stream().allMatch(ResumingSubscriber::isSubscribed);
    }

    private Map<String, List<ResumingSubscriber.Event>> everySubscriber() {
        Map<String, List<ResumingSubscriber.Event>> all = new LinkedHashMap<>();
        for (int i = 0; i < subscribers.size(); i++) {
            all.put("subscriber " + i, subscribers.get(i).events());
        }
        return all;
    }

    private void report(DeliveryAudit audit, NodeSampler survivor, NodeSampler restarted, List<String> growth, long seconds)
            throws IOException {
        StringBuilder text = new StringBuilder("# Soak run " + Instant.now() + "\n\n")
                .append(SUBSCRIBERS + " subscribers through HAProxy to 2 nodes, 2 publishers at " + PER_SECOND + " messages/s each on history channels, "
                        + seconds + " s, a fault every " + FAULT_EVERY.toSeconds() + " s:\n\n");
        faults.forEach(fault -> text.append("- ").append(fault).append("\n"));
        text.append("\n").append(audit.report()).append("\n")
                .append(survivor.report("the whole run")).append("\n")
                .append(restarted.report("its last start")).append("\n")
                .append(growth.isEmpty() ? "No figure grew beyond noise.\n" : "Grew:\n- " + String.join("\n- ", growth) + "\n");
        Path out = Path.of(TestPaths.buildDir(), "soak", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println(text);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
