package org.appcluster.broadcast.control;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Redis Cluster mode's receiving side: one pub/sub connection per master that owns a shard
 * channel this node needs, with {@code SSUBSCRIBE} for just those channels. {@link #reconcile()}
 * compares what is needed with where each channel is subscribed and fixes the difference; it runs
 * when needs change and every second, so after a failover (the old master's connection drops, or
 * Redis sends {@code SUNSUBSCRIBE} as the slot moves) channels are subscribed again on the new
 * master. The connections do not reconnect by themselves: a master that went away is replaced by
 * whichever node owns the slot now.
 */
final class ShardSubscriber {

    private static final Logger LOG = Logger.getLogger(ShardSubscriber.class.getName());

    private final RedisClusterClient cluster;
    private final RedisClient nodes;
    private final RedisURI seed;
    private final ShardChannels channels;
    private final Supplier<Set<String>> directory;
    private final Set<String> always;
    private final BiConsumer<String, String> sink;
    private final Map<String, StatefulRedisPubSubConnection<String, String>> byNode = new HashMap<>();
    private final Map<String, String> placed = new ConcurrentHashMap<>();
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    private volatile boolean topologyStale;

    /**
     * @param always shard channels needed whatever the clients want (the node's probe)
     * @param sink gets each message with the shard channel it came on
     */
    ShardSubscriber(RedisClusterClient cluster, ClientResources resources, RedisURI seed, Duration timeout,
            ShardChannels channels, Supplier<Set<String>> directory, Set<String> always, BiConsumer<String, String> sink) {
        this.cluster = cluster;
        this.seed = seed;
        this.channels = channels;
        this.directory = directory;
        this.always = always;
        this.sink = sink;
        this.nodes = RedisClient.create(resources);
        nodes.setOptions(ClientOptions.builder().autoReconnect(false)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout)).build());
    }

    /** Subscribes what is needed and not subscribed, on the master owning it now; drops the rest. */
    synchronized void reconcile() {
        Set<String> needed = needed();
        dropUnneeded(needed);
        // A refused subscribe (MOVED after a failover our topology missed) is retried once at
        // once on fresh topology, so a client rarely hears "subscribed" before its shard is.
        for (int attempt = 0; attempt < 2 && placeAll(needed) > 0; attempt++) {
            topologyStale = true;
        }
        closeIdleConnections();
    }

    /** Subscribes each needed shard channel on its master; returns how many failed. */
    private int placeAll(Set<String> needed) {
        if (needed.stream().anyMatch(shard -> !isLive(shard)) || topologyStale) {
            cluster.refreshPartitions();
            topologyStale = false;
        }
        int failed = 0;
        for (String shard : needed) {
            RedisClusterNode owner = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(shard));
            if (owner == null || (owner.getNodeId().equals(placed.get(shard)) && isLive(shard))) {
                continue;
            }
            try {
                moveTo(shard, owner);
            } catch (RuntimeException e) {
                // Its master is down and no replica has taken over yet: the next round retries.
                failed++;
                LOG.fine(() -> "Subscribing " + shard + " at " + owner.getUri() + " failed: " + e);
            }
        }
        return failed;
    }

    /** How many needed shard channels are not subscribed right now (0 when all is well). */
    synchronized int unplacedCount() {
        Set<String> needed = needed();
        return (int) needed.stream().filter(shard -> !isLive(shard)).count();
    }

    private Set<String> needed() {
        Set<String> needed = channels.needed(channels.wantsDirectory() ? directory.get() : Set.of());
        needed.addAll(always);
        return needed;
    }

    synchronized void close() {
        byNode.values().forEach(StatefulRedisPubSubConnection::close);
        byNode.clear();
        placed.clear();
        nodes.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private boolean isLive(String shard) {
        String node = placed.get(shard);
        StatefulRedisPubSubConnection<String, String> connection = node == null ? null : byNode.get(node);
        return connection != null && connection.isOpen();
    }

    private void moveTo(String shard, RedisClusterNode owner) {
        String previous = placed.remove(shard);
        if (previous != null && !previous.equals(owner.getNodeId())) {
            unsubscribe(previous, shard);
        }
        StatefulRedisPubSubConnection<String, String> connection = connectionTo(owner);
        connection.sync().ssubscribe(shard);
        placed.put(shard, owner.getNodeId());
        if (previous != null && !previous.equals(owner.getNodeId())) {
            LOG.info(() -> "Shard channel " + shard + " moved to " + owner.getUri() + ": subscribed there again");
        }
    }

    private void dropUnneeded(Set<String> needed) {
        for (Iterator<Map.Entry<String, String>> it = placed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, String> entry = it.next();
            if (!needed.contains(entry.getKey())) {
                it.remove();
                unsubscribe(entry.getValue(), entry.getKey());
            }
        }
    }

    /** Our own unsubscribe: its confirmation must not be taken for Redis moving the slot. */
    private void unsubscribe(String node, String shard) {
        StatefulRedisPubSubConnection<String, String> connection = byNode.get(node);
        if (connection != null && connection.isOpen()) {
            leaving.add(shard);
            connection.async().sunsubscribe(shard);
        }
    }

    private StatefulRedisPubSubConnection<String, String> connectionTo(RedisClusterNode owner) {
        StatefulRedisPubSubConnection<String, String> connection = byNode.get(owner.getNodeId());
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        RedisURI uri = RedisURI.builder(owner.getUri()).withAuthentication(seed).withTimeout(seed.getTimeout()).build();
        StatefulRedisPubSubConnection<String, String> opened = nodes.connectPubSub(uri);
        opened.addListener(new Listener(owner.getNodeId()));
        byNode.put(owner.getNodeId(), opened);
        return opened;
    }

    private void closeIdleConnections() {
        byNode.entrySet().removeIf(entry -> {
            boolean idle = !placed.containsValue(entry.getKey());
            if (idle || !entry.getValue().isOpen()) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Runs on a Redis I/O thread: only enqueue or mark, never block. */
    private final class Listener extends RedisPubSubAdapter<String, String> {

        private final String nodeId;

        Listener(String nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public void smessage(String shardChannel, String message) {
            sink.accept(shardChannel, message);
        }

        /** Confirms our own unsubscribe, or tells that Redis moved the slot away from this master. */
        @Override
        public void sunsubscribed(String shardChannel, long count) {
            if (!leaving.remove(shardChannel) && placed.remove(shardChannel, nodeId)) {
                topologyStale = true;
            }
        }
    }
}
