package org.appcluster.broadcast.control;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
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
 * uses sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}, see {@link ShardedPubSub}) and
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

    private volatile RedisAvailability availability = new RedisAvailability("");
    private volatile ClientResources resources;
    private volatile AbstractRedisClient client;
    private volatile RedisLink link;
    private volatile ScheduledFuture<?> healthLoop;
    /** Redis Cluster mode's sharded pub/sub; null with one Redis. */
    private volatile ShardedPubSub sharded;
    private final AtomicInteger subscriberRestarts = new AtomicInteger();
    private volatile SubscriberProbe probe;
    private volatile PublishTarget probeTarget;
    private Consumer<String> sink;
    private final List<Runnable> healthyCheckTasks = new CopyOnWriteArrayList<>();

    public synchronized void start(Consumer<String> sink) {
        if (!settings.redisConfigured()) {
            LOG.info("No Redis configured (redis.uri empty or redis.enabled=false): local-only mode, "
                    + "broadcasts reach this node's clients only");
            return;
        }
        this.sink = sink;
        availability = new RedisAvailability(RedisClients.masked(settings.redisUri()));
        boolean cluster = "cluster".equals(settings.redisMode());
        if (cluster) {
            sharded = new ShardedPubSub(settings.redisChannelPrefix(), keyPrefix(), availability::isAvailable);
        }
        probeTarget = PublishTarget.of(cluster, cluster ? sharded.probeChannel(settings.instanceId())
                : settings.redisChannelPrefix() + PROBE_SEGMENT + settings.instanceId());
        probe = new SubscriberProbe(probeTarget.redisChannel(), System::nanoTime);
        resources = RedisClients.resources(threads);
        client = RedisClients.create(cluster, settings.redisUri(), settings.redisTlsCaFile(), resources, COMMAND_TIMEOUT);
        healthLoop = scheduler.scheduleWithFixedDelay(this::checkHealth, 0, 1, TimeUnit.SECONDS);
        LOG.info(() -> "Redis " + settings.redisMode() + " mode at " + RedisClients.masked(settings.redisUri()) + ", channel prefix "
                + settings.redisChannelPrefix() + ", instance " + settings.instanceId());
    }

    public synchronized void stop() {
        if (healthLoop != null) {
            healthLoop.cancel(false);
        }
        if (sharded != null) {
            sharded.close();
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
        availability.stopped();
    }

    /** Hands the message to Redis; false (never an exception) when Redis is not there. */
    public boolean publish(String channel, String payload) {
        return publishWith(channel, (commands, target) -> target.publish(commands, payload));
    }

    /**
     * Hands the message to Redis without waiting for its answer on this thread: completes with
     * false (never exceptionally) when Redis is not there or refused it. Publishes from one thread
     * reach Redis in the order made. On a Redis Cluster the shard is announced first, as for
     * {@link #publish}.
     */
    public CompletionStage<Boolean> publishAsync(String channel, String payload) {
        RedisLink current = link;
        if (current == null || !availability.isAvailable()) {
            return CompletableFuture.completedFuture(false);
        }
        if (sharded != null) {
            return CompletableFuture.completedFuture(publish(channel, payload));
        }
        try {
            return PublishTarget.of(false, settings.redisChannelPrefix() + channel).publishAsync(current.asyncCommands(), payload)
                    .handle((receivers, failure) -> {
                        if (failure != null) {
                            // A Redis I/O thread: the health check, which may reconnect, runs each second anyway.
                            availability.publishFailed(new RedisException(failure));
                        }
                        return failure == null;
                    });
        } catch (RuntimeException e) {
            availability.publishFailed(e);
            return CompletableFuture.completedFuture(false);
        }
    }

    /**
     * Runs {@code publish} (a command or a script that publishes) with where {@code channel} goes
     * in Redis; false (never an exception) when Redis is not there or refused it.
     */
    boolean publishWith(String channel, BiConsumer<RedisClusterCommands<String, String>, PublishTarget> publish) {
        RedisLink current = link;
        if (current == null || !availability.isAvailable()) {
            return false;
        }
        try {
            RedisClusterCommands<String, String> commands = current.commands();
            publish.accept(commands, sharded == null
                    ? PublishTarget.of(false, settings.redisChannelPrefix() + channel)
                    : PublishTarget.of(true, sharded.announce(commands, channel)));
            return true;
        } catch (RuntimeException e) {
            availability.publishFailed(e);
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
        if (sharded != null) {
            sharded.acquire(pattern);
        }
    }

    public void release(ChannelPattern pattern) {
        if (sharded != null) {
            sharded.release(pattern);
        }
    }

    /**
     * Shard channels this node needs but has not subscribed: 0 when all is well (and in single
     * mode), more while a master is down, -1 when the cluster cannot be asked.
     */
    public int unsubscribedShardCount() {
        return sharded == null ? 0 : sharded.unsubscribedCount();
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
        return availability.isAvailable();
    }

    /** How often Redis came back after being lost since this node started. */
    public int reconnectCount() {
        return availability.recoveries();
    }

    /** Round trip of a PING on the publish connection, or -1 when Redis is not there. */
    public long pingMillis() {
        RedisLink current = link;
        if (current == null || !availability.isAvailable()) {
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
        return current != null && availability.isAvailable() ? Optional.of(current.commands()) : Optional.empty();
    }

    String keyPrefix() {
        return settings.redisChannelPrefix().replace(":bc:", ":");
    }

    private void checkHealth() {
        try {
            if (link == null) {
                connect();
            }
            updateAvailability();
            if (sharded != null) {
                sharded.reconcile();
            }
            checkProbe();
        } catch (RuntimeException e) {
            updateAvailability();
            availability.connectFailed(e);
        }
        if (availability.isAvailable()) {
            healthyCheckTasks.forEach(RedisBus::runQuietly);
        }
    }

    /**
     * Runs {@code task} after each health check (every second) that finds Redis available: work
     * that waits for Redis without this node having counted it as away, such as a Redis Cluster
     * whose one master failed over while the others kept serving.
     */
    public void onEachHealthyCheck(Runnable task) {
        healthyCheckTasks.add(task);
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "A task after the Redis health check failed");
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
        link = RedisLink.single((RedisClient) client, settings.redisChannelPrefix() + "*", this::onMessage);
    }

    /** Publishes the next probe, or reconnects when the last one never came back. */
    private void checkProbe() {
        RedisLink current = link;
        if (current == null || !availability.isAvailable()) {
            probe.reset();
        } else if (!probe.check(payload -> probeTarget.publish(current.commands(), payload))) {
            restartSubscriber();
        }
    }

    private synchronized void restartSubscriber() {
        LOG.warning(() -> "Redis delivered none of this node's probes for " + SubscriberProbe.TIMEOUT.toSeconds()
                + " s although the connection looked open: reconnecting and subscribing again");
        // Counted after the warning, so whoever sees the count can find the reason in the log.
        subscriberRestarts.incrementAndGet();
        if (sharded != null) {
            sharded.close();
        }
        if (link != null) {
            link.close();
            link = null;
        }
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
        sharded.open(cluster, resources, RedisClients.firstSeed(settings.redisUri()), COMMAND_TIMEOUT,
                opened.commands(), Set.of(probe.channel()), this::onMessage);
        link = opened;
    }

    private void updateAvailability() {
        RedisLink current = link;
        boolean now = current != null && current.isOpen();
        if (availability.update(now)) {
            if (now && sharded != null) {
                sharded.forgetAnnounced();
            }
            modeChanged.fire(new ClusterModeChanged(now, settings.instanceId()));
        }
    }
}
