package org.appcluster.broadcast.control;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.ClusterModeChanged;
import org.appcluster.infra.ClusterSettings;

/**
 * The node's Redis connections, one to publish and the pub/sub side, and whether they work.
 * Redis missing at start or lost later never fails a caller: {@link #publish} answers false at
 * once and the node delivers locally; a one-second health loop connects, notices recovery and
 * logs each change of state once.
 * <p>
 * With one Redis the node pattern-subscribes to the whole broadcast prefix. On a Redis Cluster it
 * uses sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}, see {@link ShardChannels}) and
 * subscribes only to what this node's clients and callbacks declared with {@link #acquire}, so
 * each message reaches the nodes that need it and no others.
 */
@ApplicationScoped
public class RedisBus {

    private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Probes share the broadcast prefix; no channel starts with it, layers being model, view, controller. */
    private static final String PROBE_SEGMENT = "probe:";

    @Inject
    ClusterSettings settings;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<ClusterModeChanged> modeChanged;

    private final AtomicBoolean available = new AtomicBoolean();
    private final AtomicInteger recoveries = new AtomicInteger();
    private volatile boolean everAvailable;
    private final AtomicBoolean unreachableLogged = new AtomicBoolean();
    private final AtomicBoolean publishFailureLogged = new AtomicBoolean();
    private volatile boolean subscribed;
    private volatile ClientResources resources;
    private volatile AbstractRedisClient client;
    private volatile RedisLink link;
    private volatile ScheduledFuture<?> healthLoop;
    private volatile ShardChannels shards;
    private volatile ShardSubscriber shardSubscriber;
    private final Set<String> announcedShards = ConcurrentHashMap.newKeySet();
    private final AtomicInteger subscriberRestarts = new AtomicInteger();
    private volatile SubscriberProbe probe;
    private Consumer<String> sink;

    public synchronized void start(Consumer<String> sink) {
        if (!settings.redisConfigured()) {
            LOG.info("No Redis configured (redis.uri empty or redis.enabled=false): local-only mode, "
                    + "broadcasts reach this node's clients only");
            return;
        }
        this.sink = sink;
        if (isCluster()) {
            shards = new ShardChannels(settings.redisChannelPrefix());
        }
        String prefix = settings.redisChannelPrefix();
        probe = new SubscriberProbe(isCluster() ? prefix + "{probe:" + settings.instanceId() + "}"
                : prefix + PROBE_SEGMENT + settings.instanceId(), System::nanoTime);
        AtomicInteger threadCount = new AtomicInteger();
        resources = DefaultClientResources.builder()
                .threadFactoryProvider(pool -> task -> {
                    Thread thread = threads.newThread(task);
                    thread.setName("redis-" + pool + "-" + threadCount.incrementAndGet());
                    return thread;
                })
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(3), 2, TimeUnit.MILLISECONDS))
                .build();
        client = createClient();
        healthLoop = scheduler.scheduleWithFixedDelay(this::checkHealth, 0, 1, TimeUnit.SECONDS);
        LOG.info(() -> "Redis " + settings.redisMode() + " mode at " + maskedUri() + ", channel prefix "
                + settings.redisChannelPrefix() + ", instance " + settings.instanceId());
    }

    public synchronized void stop() {
        if (healthLoop != null) {
            healthLoop.cancel(false);
        }
        if (shardSubscriber != null) {
            shardSubscriber.close();
        }
        if (link != null) {
            link.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
        available.set(false);
    }

    /** Hands the message to Redis; false (never an exception) when Redis is not there. */
    public boolean publish(String channel, String payload) {
        RedisLink current = link;
        if (current == null || !available.get()) {
            return false;
        }
        try {
            if (shards == null) {
                current.commands().publish(settings.redisChannelPrefix() + channel, payload);
            } else {
                publishSharded(current.commands(), shards.forChannel(channel), payload);
            }
            return true;
        } catch (RuntimeException e) {
            if (publishFailureLogged.compareAndSet(false, true)) {
                LOG.warning(() -> "Publish to Redis failed, delivering locally (logged once per Redis connection): " + e);
            }
            checkHealth();
            return false;
        }
    }

    /**
     * Declares that someone on this node listens to {@code pattern}: on a Redis Cluster the node
     * subscribes to its shard channel before this returns (when Redis is there; otherwise once it
     * is). Each call is matched by one {@link #release}.
     */
    public void acquire(ChannelPattern pattern) {
        ShardChannels current = shards;
        if (current != null && current.acquire(pattern)) {
            reconcileShards();
        }
    }

    public void release(ChannelPattern pattern) {
        ShardChannels current = shards;
        if (current != null && current.release(pattern)) {
            reconcileShards();
        }
    }

    /**
     * Shard channels this node needs but has not subscribed: 0 when all is well (and in single
     * mode), more while a master is down, -1 when the cluster cannot be asked.
     */
    public int unsubscribedShardCount() {
        ShardSubscriber current = shardSubscriber;
        if (current == null || !available.get()) {
            return 0;
        }
        try {
            return current.unplacedCount();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** How often the pub/sub side was found deaf by the probe and reconnected since start. */
    public int subscriberRestartCount() {
        return subscriberRestarts.get();
    }

    /** The last probe's trip through Redis and back, or -1 before the first. */
    public long probeRoundTripMillis() {
        SubscriberProbe current = probe;
        return current == null ? -1 : current.roundTripMillis();
    }

    public boolean isAvailable() {
        return available.get();
    }

    /** How often Redis came back after being lost since this node started. */
    public int reconnectCount() {
        return recoveries.get();
    }

    /** Round trip of a PING on the publish connection, or -1 when Redis is not there. */
    public long pingMillis() {
        RedisLink current = link;
        if (current == null || !available.get()) {
            return -1;
        }
        try {
            long started = System.nanoTime();
            current.commands().ping();
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Redis commands while Redis is there: for the other Redis users of this package. */
    Optional<RedisClusterCommands<String, String>> commands() {
        RedisLink current = link;
        return current != null && available.get() ? Optional.of(current.commands()) : Optional.empty();
    }

    String keyPrefix() {
        return settings.redisChannelPrefix().replace(":bc:", ":");
    }

    private boolean isCluster() {
        return "cluster".equals(settings.redisMode());
    }

    /**
     * A shard channel this node publishes on for the first time goes into the cluster's directory,
     * where nodes with layer-wide patterns ({@code view:*}, {@code *}) find it.
     */
    private void publishSharded(RedisClusterCommands<String, String> commands, String shard, String payload) {
        if (!announcedShards.contains(shard)) {
            commands.sadd(directoryKey(), shard);
            announcedShards.add(shard);
            if (shards.wantsDirectory()) {
                reconcileShards();
            }
        }
        commands.spublish(shard, payload);
    }

    private String directoryKey() {
        return keyPrefix() + "shard-channels";
    }

    private void reconcileShards() {
        ShardSubscriber current = shardSubscriber;
        if (current == null || !available.get()) {
            return;
        }
        try {
            current.reconcile();
        } catch (RuntimeException e) {
            LOG.fine(() -> "Shard subscriptions not settled yet, retrying every second: " + e);
        }
    }

    private AbstractRedisClient createClient() {
        TimeoutOptions timeouts = TimeoutOptions.enabled(COMMAND_TIMEOUT);
        SocketOptions socket = SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build();
        if ("cluster".equals(settings.redisMode())) {
            List<RedisURI> seeds = Arrays.stream(settings.redisUri().split(",")).map(String::trim).map(RedisURI::create).toList();
            RedisClusterClient cluster = RedisClusterClient.create(resources, seeds);
            cluster.setOptions(ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(10)).build())
                    // The cluster connection opens each master's connection on first use and would
                    // reject what is sent meanwhile; commands wait instead, at most COMMAND_TIMEOUT.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .socketOptions(socket).timeoutOptions(timeouts).build());
            return cluster;
        }
        RedisClient single = RedisClient.create(resources, RedisURI.create(settings.redisUri()));
        single.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socket).timeoutOptions(timeouts).build());
        return single;
    }

    private void checkHealth() {
        try {
            if (link == null) {
                connect();
            }
            updateAvailability();
            reconcileShards();
            checkProbe();
        } catch (RuntimeException e) {
            updateAvailability();
            if (unreachableLogged.compareAndSet(false, true)) {
                LOG.warning(() -> "Redis at " + maskedUri() + " unreachable (" + e.getMessage()
                        + "): local-only delivery, retrying every second");
            }
        }
    }

    private synchronized void connect() {
        if (link != null || client == null) {
            return;
        }
        if (client instanceof RedisClusterClient cluster) {
            connectCluster(cluster);
            return;
        }
        RedisLink opened = RedisLink.single((RedisClient) client);
        try {
            StatefulRedisPubSubConnection<String, String> subscriber = opened.subscriber();
            subscriber.addListener(new Listener());
            subscriber.sync().psubscribe(settings.redisChannelPrefix() + "*");
            subscribed = true;
            link = opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Publishes the next probe, or reconnects when the last one never came back. */
    private void checkProbe() {
        RedisLink current = link;
        if (current == null || !available.get()) {
            probe.reset();
            return;
        }
        if (probe.stalled()) {
            restartSubscriber();
            return;
        }
        String payload = probe.next();
        if (payload == null) {
            return;
        }
        try {
            if (shards == null) {
                current.commands().publish(probe.channel(), payload);
            } else {
                current.commands().spublish(probe.channel(), payload);
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "Probe not published: " + e);
        }
    }

    private synchronized void restartSubscriber() {
        subscriberRestarts.incrementAndGet();
        LOG.warning(() -> "Redis delivered none of this node's probes for " + SubscriberProbe.TIMEOUT.toSeconds()
                + " s although the connection looked open: reconnecting and subscribing again");
        if (shardSubscriber != null) {
            shardSubscriber.close();
            shardSubscriber = null;
        }
        if (link != null) {
            link.close();
            link = null;
        }
        subscribed = false;
        probe.reset();
        updateAvailability();
    }

    /** Every message from Redis: the node's own probe answers it; other nodes' probes are not for us. */
    private void onMessage(String channel, String message) {
        SubscriberProbe current = probe;
        if (channel.equals(current.channel())) {
            current.answered(message);
        } else if (!channel.startsWith(settings.redisChannelPrefix() + PROBE_SEGMENT)) {
            sink.accept(message);
        }
    }

    private void connectCluster(RedisClusterClient cluster) {
        RedisLink opened = RedisLink.cluster(cluster);
        RedisURI seed = RedisURI.create(settings.redisUri().split(",")[0].trim());
        shardSubscriber = new ShardSubscriber(cluster, resources, seed, COMMAND_TIMEOUT, shards,
                () -> new HashSet<>(opened.commands().smembers(directoryKey())), Set.of(probe.channel()), this::onMessage);
        announcedShards.clear();
        subscribed = true;
        link = opened;
    }

    private void updateAvailability() {
        RedisLink current = link;
        boolean now = current != null && subscribed && current.isOpen();
        if (available.compareAndSet(!now, now)) {
            if (now) {
                unreachableLogged.set(true);
                announcedShards.clear();
                publishFailureLogged.set(false);
                if (everAvailable) {
                    recoveries.incrementAndGet();
                }
                everAvailable = true;
                LOG.info(() -> "Redis at " + maskedUri() + " available: cluster delivery on");
            } else {
                LOG.warning(() -> "Redis at " + maskedUri() + " lost: local-only delivery until it returns");
            }
            modeChanged.fire(new ClusterModeChanged(now, settings.instanceId()));
        }
    }

    private String maskedUri() {
        return settings.redisUri().replaceAll("//[^@/]*@", "//***@");
    }

    /** Runs on a Redis I/O thread: only enqueue, never block. */
    private class Listener extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String pattern, String channel, String message) {
            onMessage(channel, message);
        }

        @Override
        public void psubscribed(String pattern, long count) {
            subscribed = true;
        }

        @Override
        public void punsubscribed(String pattern, long count) {
            subscribed = false;
        }
    }
}
