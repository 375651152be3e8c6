package org.appcluster.broadcast.control;

import org.appcluster.broadcast.entity.ChannelPattern;

/**
 * One configured history: the channels matching {@code pattern} share one Redis stream and one
 * run of offsets. Both keys carry the pattern's layer and component as hash tag, the same as the
 * shard channel of those channels, so on a Redis Cluster one script can number, store and publish.
 */
public record HistoryStream(ChannelPattern pattern, String key, String metaKey) {

    static HistoryStream of(ChannelPattern pattern, String keyPrefix) {
        String fixed = pattern.wildcard() ? pattern.value().substring(0, pattern.value().length() - 2) : pattern.value();
        String[] segments = fixed.split(":");
        if (segments.length < 2) {
            throw new IllegalStateException("history.channels: '" + pattern
                    + "' must name a layer and a component (view:helloClusterTodo:*), not a whole layer");
        }
        String key = keyPrefix + "history:{" + segments[0] + ":" + segments[1] + "}:" + pattern.value();
        return new HistoryStream(pattern, key, key + ":meta");
    }

    /** Whether every channel {@code subscription} matches is kept in this history. */
    public boolean covers(ChannelPattern subscription) {
        if (!pattern.wildcard()) {
            return !subscription.wildcard() && pattern.value().equals(subscription.value());
        }
        String prefix = pattern.value().substring(0, pattern.value().length() - 1);
        String other = subscription.wildcard() ? subscription.value().substring(0, subscription.value().length() - 1)
                : subscription.value();
        return other.startsWith(prefix) && (subscription.wildcard() || other.length() > prefix.length());
    }

    /** Whether some channel both patterns match may be in this history (the subscription may be wider). */
    public boolean overlaps(ChannelPattern subscription) {
        return covers(subscription) || subscription.matches(pattern.wildcard()
                ? pattern.value().substring(0, pattern.value().length() - 1) + "x" : pattern.value());
    }
}
