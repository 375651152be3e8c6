package org.appcluster.broadcast.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.appcluster.broadcast.entity.ChannelPattern;

/**
 * Redis Cluster mode: which sharded pub/sub channel carries a broadcast, and which ones this node
 * needs. Every message of one layer and component goes on one shard channel, hash-tagged so it
 * lives in one slot: {@code <site>:<stage>:bc:{view:helloClusterTodo}}. A subscription pattern
 * that names layer and component needs exactly that shard channel; one that does not ({@code
 * view:*}, or a server's {@code *}) needs every shard channel of its scope the cluster has seen.
 * Counts are kept per shard channel and per scope, so a node subscribes while anyone here needs it.
 */
final class ShardChannels {

    private final String prefix;
    private final Map<String, Integer> shards = new HashMap<>();
    private final Map<String, Integer> scopes = new HashMap<>();

    ShardChannels(String prefix) {
        this.prefix = prefix;
    }

    /** The shard channel carrying {@code channel}: its first two segments, hash-tagged. */
    String forChannel(String channel) {
        int layerEnd = channel.indexOf(':');
        int componentEnd = channel.indexOf(':', layerEnd + 1);
        return prefix + "{" + channel.substring(0, componentEnd < 0 ? channel.length() : componentEnd) + "}";
    }

    /** Counts one more subscriber of {@code pattern}; true when that made this node need more shards. */
    synchronized boolean acquire(ChannelPattern pattern) {
        return increment(pattern) == 1;
    }

    /** Counts one subscriber fewer; true when no one here needs those shards any more. */
    synchronized boolean release(ChannelPattern pattern) {
        return decrement(pattern) == 0;
    }

    /**
     * The shard channels needed now: those named by a pattern, plus each of {@code known} (the
     * cluster's directory of used shard channels) that a layer-wide pattern covers.
     */
    synchronized Set<String> needed(Set<String> known) {
        Set<String> needed = new TreeSet<>(shards.keySet());
        for (String shard : known) {
            if (scopes.keySet().stream().anyMatch(scope -> shard.startsWith(prefix + "{" + scope))) {
                needed.add(shard);
            }
        }
        return needed;
    }

    /** Whether some pattern here covers a whole layer or everything, so the directory matters. */
    synchronized boolean wantsDirectory() {
        return !scopes.isEmpty();
    }

    private int increment(ChannelPattern pattern) {
        String shard = shardOf(pattern);
        return shard != null ? shards.merge(shard, 1, Integer::sum) : scopes.merge(scopeOf(pattern), 1, Integer::sum);
    }

    private int decrement(ChannelPattern pattern) {
        String shard = shardOf(pattern);
        Map<String, Integer> counts = shard != null ? shards : scopes;
        Integer left = counts.computeIfPresent(shard != null ? shard : scopeOf(pattern), (key, count) -> count > 1 ? count - 1 : null);
        return left == null ? 0 : left;
    }

    /** The one shard channel a pattern needs, or null when it spans more than one component. */
    private String shardOf(ChannelPattern pattern) {
        String fixed = pattern.wildcard() ? pattern.value().substring(0, pattern.value().length() - 1) : pattern.value();
        int layerEnd = fixed.indexOf(':');
        int componentEnd = layerEnd < 0 ? -1 : fixed.indexOf(':', layerEnd + 1);
        return componentEnd < 0 ? null : forChannel(fixed);
    }

    /** "view:" for {@code view:*}, "" for {@code *}: the start of the tagged part it covers. */
    private static String scopeOf(ChannelPattern pattern) {
        return pattern.value().substring(0, pattern.value().length() - 1);
    }
}
