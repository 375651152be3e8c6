package org.appcluster.clients.control;

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

    void add(String pattern, ClientConnection connection) {
        byPattern.computeIfAbsent(pattern, key -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void remove(String pattern, ClientConnection connection) {
        byPattern.computeIfPresent(pattern, (key, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    /** Each connection once, however many of its patterns match. */
    Set<ClientConnection> candidates(String channel) {
        Set<ClientConnection> found = new LinkedHashSet<>();
        for (String key : ChannelPattern.candidateKeys(channel)) {
            Set<ClientConnection> connections = byPattern.get(key);
            if (connections != null) {
                found.addAll(connections);
            }
        }
        return found;
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
