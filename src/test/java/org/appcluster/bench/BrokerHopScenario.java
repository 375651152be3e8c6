package org.appcluster.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Scenario 5: what one Redis hop can carry, against what ours carries over it. Raw: Lettuce
 * publishing as fast as Redis answers (a window of 1000 in flight) to a Lettuce subscriber, with
 * an envelope-sized message. Ours: REST publishes on node A (128 in flight) delivered to a socket
 * on node B; and the receiving half alone, envelopes put straight into Redis the way node A would
 * and delivered by node B to its socket.
 */
final class BrokerHopScenario {

    private static final String CHANNEL = "view:bench:hop:msg";
    private static final int WINDOW = 1000;

    private final BenchCluster cluster;
    private final BenchSockets sockets;
    private final BenchResults results;

    BrokerHopScenario(BenchCluster cluster, BenchSockets sockets, BenchResults results) {
        this.cluster = cluster;
        this.sockets = sockets;
        this.results = results;
    }

    void run(Duration duration) {
        String sample = envelope(0);
        RedisClient client = RedisClient.create(cluster.redis.uri());
        try {
            double raw = rawRate(client, duration, sample.length());
            List<BenchSockets.Socket> onB = sockets.open(cluster.socketUri(cluster.b), 1, i -> CHANNEL);
            double ours = restToSocketRate(duration);
            double receiving = redisToSocketRate(client, duration);
            sockets.closeAll(onB);
            add("raw Lettuce publish → Lettuce subscriber", raw, raw, sample.length());
            add("ours: REST on node A → socket on node B", ours, raw, sample.length());
            add("ours, receiving half: Redis → node B → socket", receiving, raw, sample.length());
        } finally {
            client.shutdown();
        }
    }

    private void add(String path, double rate, double raw, int bytes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", path);
        row.put("message bytes", bytes);
        row.put("msgs/s", Math.round(rate));
        row.put("% of raw", Math.round(rate / raw * 1000) / 10.0);
        results.add("5. one broker hop", row);
    }

    private static double rawRate(RedisClient client, Duration duration, int size) {
        LongAdder received = new LongAdder();
        try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
             StatefulRedisConnection<String, String> publisher = client.connect()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.increment();
                }
            });
            subscriber.sync().subscribe("bench:raw");
            String message = "x".repeat(size);
            return flood(duration, received, i -> publisher.async().publish("bench:raw", message));
        }
    }

    private double restToSocketRate(Duration duration) {
        RestPublisher publisher = new RestPublisher(100);
        long before = sockets.received.sum();
        long started = System.nanoTime();
        publisher.flood(duration, i -> cluster.a.uri("/api/1/app-cluster/broadcast/" + CHANNEL));
        long last = Deliveries.awaitDrained(sockets, before, publisher.accepted.sum());
        return (sockets.received.sum() - before) / ((last - started) / 1e9);
    }

    private double redisToSocketRate(RedisClient client, Duration duration) {
        try (StatefulRedisConnection<String, String> publisher = client.connect()) {
            String channel = BenchCluster.SITE + ":prod:bc:" + CHANNEL;
            long before = sockets.received.sum();
            long started = System.nanoTime();
            LongAdder counted = new LongAdder();
            long sent = floodCount(duration, i -> publisher.async().publish(channel, envelope(i)));
            long last = Deliveries.awaitDrained(sockets, before, sent);
            counted.add(sockets.received.sum() - before);
            return counted.sum() / ((last - started) / 1e9);
        }
    }

    /** Publishes for {@code duration} with {@link #WINDOW} in flight; the receive rate over the whole run. */
    private static double flood(Duration duration, LongAdder received, LongFunction<io.lettuce.core.RedisFuture<Long>> publish) {
        long started = System.nanoTime();
        long sent = floodCount(duration, publish);
        long lastCount = -1;
        long lastArrival = System.nanoTime();
        while (received.sum() < sent && received.sum() != lastCount) {
            lastCount = received.sum();
            lastArrival = System.nanoTime();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        return received.sum() / ((Math.max(lastArrival, System.nanoTime()) - started) / 1e9);
    }

    private static long floodCount(Duration duration, LongFunction<io.lettuce.core.RedisFuture<Long>> publish) {
        Semaphore window = new Semaphore(WINDOW);
        long end = System.nanoTime() + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            window.acquireUninterruptibly();
            publish.apply(sent++).whenComplete((count, error) -> window.release());
        }
        window.acquireUninterruptibly(WINDOW);
        return sent;
    }

    /** An envelope as a node would put it on Redis, from a publisher that is not a node here. */
    private static String envelope(long sequence) {
        return "{\"id\":\"bench-" + sequence + "\",\"channel\":\"" + CHANNEL + "\",\"data\":{\"t\":" + System.nanoTime()
                + ",\"s\":" + sequence + ",\"pad\":\"" + "x".repeat(100) + "\"},\"instanceId\":\"bench-injector\","
                + "\"timestamp\":\"" + Instant.now() + "\",\"ctx\":{}}";
    }
}
