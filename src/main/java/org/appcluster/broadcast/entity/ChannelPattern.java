package org.appcluster.broadcast.entity;

import java.util.Optional;

/**
 * What a subscriber listens to: an exact channel, or a prefix ending in {@code :*} matched segment
 * by segment ({@code view:todo:*} matches {@code view:todo:list:changed}, not
 * {@code view:todoList:x:y}). The bare {@code *} (everything) is for server callbacks only.
 */
public record ChannelPattern(String value, Optional<Layer> layer, boolean wildcard) {

    public static final String ALL = "*";
    private static final String WILDCARD_SUFFIX = ":*";

    public static ChannelPattern parse(String pattern) {
        if (ALL.equals(pattern)) {
            return new ChannelPattern(ALL, Optional.empty(), true);
        }
        if (pattern == null || !pattern.endsWith(WILDCARD_SUFFIX)) {
            ChannelName exact = ChannelName.parse(pattern);
            return new ChannelPattern(exact.value(), Optional.of(exact.layer()), false);
        }
        String[] segments = ChannelName.split(pattern);
        Layer layer = ChannelName.layerOf(pattern, segments[0]);
        for (int i = 1; i < segments.length - 1; i++) {
            ChannelName.requireSegment(pattern, segments[i]);
        }
        return new ChannelPattern(pattern, Optional.of(layer), true);
    }

    public boolean matches(String channel) {
        if (!wildcard) {
            return value.equals(channel);
        }
        String prefix = value.substring(0, value.length() - 1);
        return channel.length() > prefix.length() && channel.startsWith(prefix);
    }

    /**
     * The values of every pattern that can match {@code channel}: itself, {@code *}, and each
     * segment prefix followed by {@code *}. Lets an index find subscribers without scanning.
     */
    public static String[] candidateKeys(String channel) {
        int separators = 0;
        for (int i = 0; i < channel.length(); i++) {
            if (channel.charAt(i) == ':') {
                separators++;
            }
        }
        String[] keys = new String[separators + 2];
        int k = 0;
        keys[k++] = channel;
        keys[k++] = ALL;
        for (int i = 0; i < channel.length(); i++) {
            if (channel.charAt(i) == ':') {
                keys[k++] = channel.substring(0, i + 1) + '*';
            }
        }
        return keys;
    }

    /** The documented callback default: skip own messages on {@code controller:} and {@code model:}. */
    public boolean omitsSelfByDefault() {
        return layer.map(Layer::omitsSelfByDefault).orElse(false);
    }

    @Override
    public String toString() {
        return value;
    }
}
