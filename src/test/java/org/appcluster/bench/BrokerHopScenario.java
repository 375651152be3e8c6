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
record BrokerHopScenario(BenchCluster cluster, BenchSockets sockets, BenchResults results) {

    private static final String CHANNEL = "view:bench:hop:msg";
    private static final int WINDOW = 1000;

    void run(Duration duration) {
        String sample = envelope(0);
        RedisClient client = RedisClient.create(cluster.redis.uri());
        try {
            double raw = rawRate(client, duration, sample.length());
            List<BenchSockets.Socket> onB = sockets.open(cluster.socketUri(cluster.b), ClientProtocol.JPULSE, 1, i -> CHANNEL);
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
            long started = System.nanoTime();
            long sent = floodCount(duration, i -> publisher.async().publish("bench:raw", message));
            return rate(received.sum(), started, Deliveries.awaitDrained(received::sum, sent));
        }
    }

    private double restToSocketRate(Duration duration) {
        RestPublisher publisher = RestPublisher.broadcasts(100);
        long before = sockets.received.sum();
        long started = System.nanoTime();
        publisher.flood(duration, i -> cluster.a.uri("/api/1/app-cluster/broadcast/" + CHANNEL));
        long last = Deliveries.awaitDrained(() -> sockets.received.sum() - before, publisher.accepted.sum());
        return rate(sockets.received.sum() - before, started, last);
    }

    private double redisToSocketRate(RedisClient client, Duration duration) {
        try (StatefulRedisConnection<String, String> publisher = client.connect()) {
            String channel = BenchCluster.SITE + ":prod:bc:" + CHANNEL;
            long before = sockets.received.sum();
            long started = System.nanoTime();
            long sent = floodCount(duration, i -> publisher.async().publish(channel, envelope(i)));
            long last = Deliveries.awaitDrained(() -> sockets.received.sum() - before, sent);
            return rate(sockets.received.sum() - before, started, last);
        }
    }

    private static double rate(long count, long startedNanos, long lastNanos) {
        return count / ((lastNanos - startedNanos) / 1e9);
    }

    /** Publishes for {@code duration} with {@link #WINDOW} in flight; returns how many were sent. */
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
