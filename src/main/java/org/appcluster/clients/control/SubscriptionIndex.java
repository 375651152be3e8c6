package org.appcluster.clients.control;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.appcluster.broadcast.entity.ChannelPattern;

/**
 * Connections by the pattern they subscribed to, so a message finds its recipients with one
 * lookup per channel segment instead of a scan over every client.
 */
final class SubscriptionIndex {

    private final Map<String, Set<ClientConnection>> byPattern = new ConcurrentHashMap<>();

    /** Adds inside the map's per-key lock, so a concurrent last removal cannot drop it; true for the pattern's first. */
    boolean add(String pattern, ClientConnection connection) {
        boolean[] first = {false};
        byPattern.compute(pattern, (key, connections) -> {
            Set<ClientConnection> set = connections;
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                first[0] = true;
            }
            set.add(connection);
            return set;
        });
        return first[0];
    }

    /** True when that was the pattern's last connection. */
    boolean remove(String pattern, ClientConnection connection) {
        boolean[] last = {false};
        byPattern.computeIfPresent(pattern, (key, connections) -> {
            connections.remove(connection);
            last[0] = connections.isEmpty();
            return last[0] ? null : connections;
        });
        return last[0];
    }

    /**
     * Each connection once, however many of its patterns match. When one pattern matches, its own
     * set, not a copy: a message to a channel most often has one, and copying its subscribers cost
     * the dispatcher a hash set per message.
     */
    Collection<ClientConnection> candidates(String channel) {
        Set<ClientConnection> only = null;
        Set<ClientConnection> merged = null;
        for (String key : ChannelPattern.candidateKeys(channel)) {
            Set<ClientConnection> connections = byPattern.get(key);
            if (connections == null) {
                continue;
            }
            if (only == null) {
                only = connections;
            } else {
                if (merged == null) {
                    merged = new LinkedHashSet<>(only);
                }
                merged.addAll(connections);
            }
        }
        return merged != null ? merged : only != null ? only : Set.of();
    }

    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        byPattern.forEach((pattern, connections) -> sizes.put(pattern, connections.size()));
        return sizes;
    }

    int patternCount() {
        return byPattern.size();
    }
}
