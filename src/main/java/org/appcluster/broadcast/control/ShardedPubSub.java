package org.appcluster.broadcast.control;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.appcluster.broadcast.entity.ChannelPattern;

/**
 * {@link RedisBus}'s Redis Cluster mode: publishing on shard channels ({@link ShardChannels}),
 * the directory of shard channels in use, and the per-master subscriptions
 * ({@link ShardSubscriber}) that follow what this node's clients and callbacks need.
 */
final class ShardedPubSub {

    private static final Logger LOG = Logger.getLogger(ShardedPubSub.class.getName());

    private final ShardChannels shards;
    private final String channelPrefix;
    private final String directoryKey;
    private final BooleanSupplier redisAvailable;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private volatile ShardSubscriber subscriber;

    ShardedPubSub(String channelPrefix, String keyPrefix, BooleanSupplier redisAvailable) {
        this.shards = new ShardChannels(channelPrefix);
        this.channelPrefix = channelPrefix;
        this.directoryKey = keyPrefix + "shard-channels";
        this.redisAvailable = redisAvailable;
    }

    /** A node's own probe channel, a shard channel of its own. */
    String probeChannel(String instanceId) {
        return channelPrefix + "{probe:" + instanceId + "}";
    }

    /** Starts receiving on a fresh cluster connection; {@code always} are subscribed whatever clients need. */
    void open(RedisClusterClient cluster, ClientResources resources, RedisURI seed, Duration timeout,
            RedisClusterCommands<String, String> commands, Set<String> always, BiConsumer<String, String> sink) {
        subscriber = new ShardSubscriber(cluster, resources, seed, timeout, shards,
                () -> new HashSet<>(commands.smembers(directoryKey)), always, sink);
        announced.clear();
    }

    void close() {
        ShardSubscriber current = subscriber;
        subscriber = null;
        if (current != null) {
            current.close();
        }
    }

    /**
     * A shard channel this node publishes on for the first time goes into the directory, where
     * nodes with layer-wide patterns ({@code view:*}, {@code *}) find it. Returns the shard channel
     * carrying {@code channel}.
     */
    String announce(RedisClusterCommands<String, String> commands, String channel) {
        String shard = shards.forChannel(channel);
        if (!announced.contains(shard)) {
            commands.sadd(directoryKey, shard);
            announced.add(shard);
            if (shards.wantsDirectory()) {
                reconcile();
            }
        }
        return shard;
    }

    /** Redis came back, possibly empty: announce shard channels to the directory again. */
    void forgetAnnounced() {
        announced.clear();
    }

    void acquire(ChannelPattern pattern) {
        if (shards.acquire(pattern)) {
            reconcile();
        }
    }

    void release(ChannelPattern pattern) {
        if (shards.release(pattern)) {
            reconcile();
        }
    }

    /** Subscribes what is needed where it lives now; quietly retried every second when it cannot. */
    void reconcile() {
        ShardSubscriber current = subscriber;
        if (current == null || !redisAvailable.getAsBoolean()) {
            return;
        }
        try {
            current.reconcile();
        } catch (RuntimeException e) {
            LOG.fine(() -> "Shard subscriptions not settled yet, retrying every second: " + e);
        }
    }

    /** Needed shard channels not subscribed now; -1 when the cluster cannot be asked. */
    int unsubscribedCount() {
        ShardSubscriber current = subscriber;
        if (current == null || !redisAvailable.getAsBoolean()) {
            return 0;
        }
        try {
            return current.unplacedCount();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
