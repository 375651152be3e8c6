package org.appcluster.broadcast.control;

import org.appcluster.broadcast.entity.ChannelPattern;

/**
 * One configured history: the channels matching {@code pattern} share one Redis stream and one
 * run of offsets. Both keys carry the pattern's layer and component as hash tag, the same as the
 * shard channel of those channels, so on a Redis Cluster one script can number, store and publish.
 */
public record HistoryStream(ChannelPattern pattern, String key, String metaKey) {

    static HistoryStream of(ChannelPattern pattern, String keyPrefix) {
        String[] segments = fixedPart(pattern).split(":");
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
            return pattern.equals(subscription);
        }
        return subscription.wildcard() ? fixedPart(subscription).startsWith(fixedPart(pattern)) : pattern.matches(subscription.value());
    }

    /** Whether the subscription hears some channels of this history (it may also hear others). */
    public boolean overlaps(ChannelPattern subscription) {
        return covers(subscription) || (subscription.wildcard() && fixedPart(pattern).startsWith(fixedPart(subscription)));
    }

    /** A pattern without its {@code *}: {@code view:todo:} for {@code view:todo:*}, an exact channel as it is. */
    private static String fixedPart(ChannelPattern pattern) {
        return pattern.wildcard() ? pattern.value().substring(0, pattern.value().length() - 1) : pattern.value();
    }
}
